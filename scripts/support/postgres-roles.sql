-- PostgreSQL roles for production (README, "PostgreSQL 数据库角色 / PostgreSQL roles").
-- kepu_owner owns the database and every table and runs the migrations; kepu_app is what the
-- running portal connects as: it reads and writes the app's tables, but may only read and append
-- to the audit trail ("AuditEvent"). Replace the passwords; tests/integration/postgres-roles.test.ts
-- runs this file as it is (with its own role names).

-- [1] Once, as a superuser, connected to the database "postgres":
CREATE ROLE kepu_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE kepu_app LOGIN PASSWORD 'change-me-app';
CREATE DATABASE kepu OWNER kepu_owner;
REVOKE ALL ON DATABASE kepu FROM PUBLIC;
GRANT CONNECT ON DATABASE kepu TO kepu_app;

-- [2] Once, as a superuser, connected to the database "kepu" (before the first migration):
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO kepu_app;
-- Every table and sequence kepu_owner's migrations create from now on:
ALTER DEFAULT PRIVILEGES FOR ROLE kepu_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kepu_app;
ALTER DEFAULT PRIVILEGES FOR ROLE kepu_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO kepu_app;

-- [3] As kepu_owner, after every migration run (the migration job does it; repeating it is harmless):
-- the audit trail is read and appended to, never changed or removed; the migration history is read only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM kepu_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM kepu_app;

import { clientProvider } from "@/lib/core/db/provider";

/**
 * Tests that tamper with the database behind the app's back (an attacker dropping the audit
 * trail's triggers and editing rows) write SQLite's SQL; on PostgreSQL the same statement needs
 * numbered placeholders ($1, $2… for `?`) and a trigger is dropped ON its table.
 */
export function portableSql(client: object, sql: string): string {
  if (clientProvider(client) !== "postgresql") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`).replace(/^(DROP TRIGGER (?:IF EXISTS )?"(AuditEvent)_\w+")$/, '$1 ON "$2"');
}

/** $executeRawUnsafe with portableSql. */
export function executePortable(
  client: { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> },
  sql: string,
  ...values: unknown[]
): Promise<number> {
  return client.$executeRawUnsafe(portableSql(client, sql), ...values);
}

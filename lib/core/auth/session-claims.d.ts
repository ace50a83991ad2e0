import "next-auth";
import "next-auth/jwt";

// The cookie carries only the id of a server-side session row (see lib/core/auth/sessions.ts).
declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

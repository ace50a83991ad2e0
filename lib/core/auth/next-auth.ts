import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/core/env";
import { clientIp } from "@/lib/core/request";
import { LOGIN_THROTTLED_ERROR } from "@/lib/core/login-errors";
import { login } from "./login";
import { logout } from "./sessions";
import { authSettings } from "./settings";
import { clientIpFrom } from "@/lib/core/request";

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * next-auth v4 with the credentials provider and a JWT cookie. The JWT holds only a session
 * id; who the user is, and whether the session is still valid, is read from the database on
 * every request (lib/core/session.ts). Built per call so the build never needs the secret.
 */
export function authOptions(): NextAuthOptions {
  const { NEXTAUTH_SECRET, NEXTAUTH_URL } = env();
  const maxAge = Math.floor(authSettings().maxSessionMs / 1000);
  return {
    secret: NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    useSecureCookies: NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const result = await login(
            { username: credentials?.username ?? "", password: credentials?.password ?? "" },
            { ip: clientIpFrom((name) => header(request?.headers, name)), userAgent: header(request?.headers, "user-agent") },
          );
          // next-auth passes a thrown message to the login page as `error`: the only refusal the
          // page tells apart is the per-address limit, which says nothing about any account.
          if (!result.ok && result.throttled) throw new Error(LOGIN_THROTTLED_ERROR);
          return result.ok ? { id: String(result.userId), sid: result.sessionId } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // Only the session id; no name, e-mail or role travels in the cookie.
        return user?.sid ? { sid: user.sid } : { sid: token.sid };
      },
      session({ session, token }) {
        return { expires: session.expires, sid: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await logout(token.sid, await clientIp().catch(() => null));
      },
    },
  };
}

import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/core/auth/next-auth";
import { sessionCookiesEndWithBrowser } from "@/lib/core/auth/session-cookie";

// Options are built per request so that `next build` does not need the session secret.
// The session cookie has no Expires/Max-Age: it ends when the browser closes (session-cookie.ts).
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return sessionCookiesEndWithBrowser(await NextAuth(authOptions())(request, context));
}

export { handler as GET, handler as POST };

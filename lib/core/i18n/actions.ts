"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, locales } from "./config";

const localeInput = z.enum(locales);

/** Switches the interface language. Open to everyone: it changes only the caller's cookie. */
export async function setLocale(formData: FormData): Promise<void> {
  const parsed = localeInput.safeParse(formData.get("locale"));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
}

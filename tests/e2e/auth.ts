import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "Kepu#2025";

/**
 * Signs in through next-auth's credentials endpoint, as the login form does, without
 * driving the form (documenso's pattern). The browser context keeps the session cookie.
 */
export async function signInAs(page: Page, username: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, json: "true" },
  });
  const cookies = await page.context().cookies();
  if (!response.ok() || !cookies.some((cookie) => cookie.name.endsWith("next-auth.session-token"))) {
    throw new Error(`sign-in as ${username} failed (${response.status()})`);
  }
}

import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, LOCALE_COOKIE, TIME_ZONE } from "./config";

// No locale in the URL: the portal is Chinese by default and a user may switch to
// English, remembered in a cookie.
export default getRequestConfig(async () => {
  const requested = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(requested) ? requested : defaultLocale;
  return {
    locale,
    timeZone: TIME_ZONE,
    messages: (await import(`../../../messages/${locale}.json`)).default,
  };
});

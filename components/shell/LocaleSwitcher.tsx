import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/core/i18n/actions";

export async function LocaleSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("shell")]);
  const other = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <form action={setLocale}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        aria-label={t("switchToLocaleLabel")}
        className="rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10 hover:text-white"
      >
        {t("switchToLocale")}
      </button>
    </form>
  );
}

import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/core/i18n/actions";

/** In the dark header (`header`) or in the white mobile menu panel (`menu`). */
export async function LocaleSwitcher({ tone = "header" }: { tone?: "header" | "menu" }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("shell")]);
  const other = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <form action={setLocale}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        aria-label={t("switchToLocaleLabel")}
        className={
          tone === "header"
            ? "rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10 hover:text-white"
            : "rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
        }
      >
        {t("switchToLocale")}
      </button>
    </form>
  );
}

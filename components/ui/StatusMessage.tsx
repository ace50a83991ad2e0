import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";

/**
 * A 403/404 message inside the signed-in shell, which already provides the <main>
 * landmark; title and body are keys under `errors`.
 */
export async function StatusMessage({ titleKey, bodyKey }: { titleKey: string; bodyKey: string }) {
  const t = await getTranslations("errors");
  return (
    <section aria-labelledby="status-title" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 id="status-title" className="text-2xl font-semibold text-slate-900">
        {t(titleKey)}
      </h1>
      <p className="mt-3 text-slate-600">{t(bodyKey)}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
        {t("backHome")}
      </Link>
    </section>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";

// Rendered inside the signed-in shell, which already provides the <main> landmark.
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 id="forbidden-title" className="text-2xl font-semibold text-slate-900">
        {t("forbiddenTitle")}
      </h1>
      <p className="mt-3 text-slate-600">{t("forbiddenBody")}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
        {t("backHome")}
      </Link>
    </section>
  );
}

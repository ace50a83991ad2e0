import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main id="main-content" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-slate-600">{t("notFoundBody")}</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
        {t("backHome")}
      </Link>
    </main>
  );
}

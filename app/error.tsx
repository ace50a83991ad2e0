"use client";

import { useTranslations } from "next-intl";

// Unexpected errors: a generic message only; details stay in the server log.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main id="main-content" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">{t("unexpectedTitle")}</h1>
      <p className="mt-3 text-slate-600">{t("unexpectedBody")}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
        {t("retry")}
      </button>
    </main>
  );
}

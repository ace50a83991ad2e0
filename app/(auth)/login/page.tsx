import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/shell/LocaleSwitcher";
import { LoginForm } from "@/components/accounts/LoginForm";
import { Card } from "@/components/ui/Card";
import { getSessionState } from "@/lib/core/session";
import { readPageQuery } from "@/lib/core/params";
import { loginQuerySchema } from "@/lib/accounts/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

const NOTICES = ["idle", "expired", "revoked", "loggedOut"] as const;

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const state = await getSessionState();
  if (state.actor) redirect("/");
  const t = await getTranslations();
  const requested = readPageQuery(loginQuerySchema, await searchParams).query.reason;
  const reason = state.reason !== "none" && state.reason !== "ended" ? state.reason : requested;
  const notice = NOTICES.find((value) => value === reason);
  return (
    <div className="flex min-h-screen flex-col bg-slate-100">
      <header className="flex items-center justify-between bg-brand-700 px-4 py-3 text-white">
        <span className="font-semibold">{t("app.name")}</span>
        <LocaleSwitcher />
      </header>
      <main id="main-content" className="mx-auto w-full max-w-sm flex-1 px-4 py-12">
        <h1 className="mb-6 text-xl font-semibold text-slate-900">{t("login.title")}</h1>
        <Card padding="lg" className="shadow-sm">
          <LoginForm notice={notice ? t(`login.notice.${notice}`) : undefined} />
        </Card>
        <p className="mt-6 text-xs text-slate-600">{t("login.help")}</p>
        <p className="mt-3 text-sm">
          <Link href="/progress" className="text-brand-700 underline">
            {t("login.publicProgress")}
          </Link>
        </p>
      </main>
    </div>
  );
}

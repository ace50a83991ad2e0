import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/accounts/ChangePasswordForm";
import { Alert } from "@/components/ui/Alert";
import { PageHeader } from "@/components/ui/PageHeader";
import { getActor } from "@/lib/core/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function ChangePasswordPage() {
  const [t, actor] = await Promise.all([getTranslations("account"), getActor()]);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("title")} />
      {actor?.mustChangePassword ? (
        <div className="mb-4">
          <Alert tone="warning">{t("mustChange")}</Alert>
        </div>
      ) : null}
      <ChangePasswordForm />
    </div>
  );
}

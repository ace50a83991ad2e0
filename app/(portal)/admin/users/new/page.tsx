import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { UserForm } from "@/components/accounts/UserForm";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listUnitsForAssignment, listUsers } from "@/lib/accounts/server/users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("new") };
}

export default async function NewUserPage() {
  const actor = await requirePageActor();
  // Reading the account list is the permission check for the page; the action checks again.
  const [t, units] = await Promise.all([
    getTranslations("users"),
    loadForPage(async () => {
      await listUsers(actor);
      return listUnitsForAssignment(actor);
    }),
  ]);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("new")} description={t("newDescription")} />
      <UserForm units={units} />
    </div>
  );
}

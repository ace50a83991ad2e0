import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableScroll } from "@/components/ui/TableScroll";
import { AccountStatus } from "@/components/accounts/AccountStatus";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listUsers } from "@/lib/accounts/server/users";
import { TableHead } from "@/components/ui/TableHead";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const actor = await requirePageActor();
  const [t, users] = await Promise.all([getTranslations(), loadForPage(() => listUsers(actor))]);
  const now = new Date();
  return (
    <div className="max-w-6xl">
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          <>
            <Link href="/admin/requests" className={buttonClasses("secondary")}>
              {t("accountRequests.adminTitle")}
            </Link>
            <Link href="/admin/users/new" className={buttonClasses()}>
              {t("users.new")}
            </Link>
          </>
        }
      />
      <TableScroll label={t("users.title")}>
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("users.title")}</caption>
          <TableHead
            labels={[t("users.username"), t("users.displayName"), t("users.role"), t("users.unit"), t("users.state"), t("users.lastLogin")]}
          />
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id}>
                <td className="px-3 py-2">
                  <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline">
                    {user.username}
                  </Link>
                </td>
                <td className="px-3 py-2">{user.displayName}</td>
                <td className="px-3 py-2">{t(`roles.${user.role}`)}</td>
                <td className="px-3 py-2">{user.unit?.name ?? "—"}</td>
                <td className="px-3 py-2">
                  <AccountStatus {...user} now={now} />
                </td>
                <td className="px-3 py-2 text-slate-600">{user.lastLoginAt ? formatShanghaiDateTime(user.lastLoginAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { AccountStatus } from "@/components/accounts/AccountStatus";
import { UserCommands } from "@/components/accounts/UserCommands";
import { UserForm } from "@/components/accounts/UserForm";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getUser, listUnitsForAssignment } from "@/lib/accounts/server/users";
import { readIdParam } from "@/lib/core/params";
import { isPrivilegedRole } from "@/lib/accounts/privileged";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("manage") };
}

export default async function UserPage({ params }: PageProps<"/admin/users/[id]">) {
  const userId = await readIdParam(params);
  const actor = await requirePageActor();
  const [t, user, units] = await Promise.all([
    getTranslations(),
    loadForPage(() => getUser(actor, userId)),
    loadForPage(() => listUnitsForAssignment(actor)),
  ]);
  const now = new Date();
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <Link href="/admin/users" className="text-sm text-brand-700 underline">
          {t("users.backToList")}
        </Link>
        <PageHeader title={t("format.labelValue", { label: t("users.manage"), value: user.username })} />
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline text-slate-600">{t("format.labelled", { label: t("users.state") })}</dt>
            <dd className="inline">
              <AccountStatus {...user} now={now} />
            </dd>
          </div>
          <div>
            <dt className="inline text-slate-600">{t("format.labelled", { label: t("users.lastLogin") })}</dt>
            <dd className="inline">{user.lastLoginAt ? formatShanghaiDateTime(user.lastLoginAt) : "—"}</dd>
          </div>
          <div>
            <dt className="inline text-slate-600">{t("format.labelled", { label: t("users.passwordChangedAt") })}</dt>
            <dd className="inline">{formatShanghaiDateTime(user.passwordChangedAt)}</dd>
          </div>
          {user.lockedUntil && user.lockedUntil > now ? (
            <div>
              <dt className="inline text-slate-600">{t("format.labelled", { label: t("users.lockedUntil") })}</dt>
              <dd className="inline">{formatShanghaiDateTime(user.lockedUntil)}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-semibold">
          {t("users.editHeading")}
        </h2>
        <UserForm units={units} account={{ ...user, unitId: user.unitId }} />
      </section>
      <section aria-labelledby="commands-heading" className="space-y-3">
        <h2 id="commands-heading" className="text-lg font-semibold">
          {t("users.commandsHeading")}
        </h2>
        <UserCommands
          userId={user.id}
          username={user.username}
          version={user.version}
          disabled={user.disabled}
          locked={user.lockedUntil !== null && user.lockedUntil > now}
          isSelf={actor.userId === user.id}
          privileged={isPrivilegedRole(user.role)}
        />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { RequestCommands } from "@/components/accounts/RequestCommands";
import { RequestList } from "@/components/accounts/RequestList";
import { issuesPassword } from "@/lib/accounts/privileged";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listAccountRequests } from "@/lib/accounts/server/requests";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountRequests"))("adminTitle") };
}

/** The account administrator's privileged requests: their state, withdrawing one, collecting a temporary password once. */
export default async function AccountRequestsPage() {
  const actor = await requirePageActor();
  const [t, view] = await Promise.all([getTranslations(), loadForPage(() => listAccountRequests(actor))]);
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <Link href="/admin/users" className="text-sm text-brand-700 underline">
          {t("users.backToList")}
        </Link>
        <PageHeader title={t("accountRequests.adminTitle")} description={t("accountRequests.adminDescription")} />
      </div>
      {(["pending", "decided"] as const).map((part) => (
        <section key={part} aria-labelledby={`${part}-heading`} className="space-y-3">
          <h2 id={`${part}-heading`} className="text-lg font-semibold">
            {part === "pending" ? t("accountRequests.pendingHeading", { count: view.pending.length }) : t("accountRequests.decidedHeading")}
          </h2>
          <RequestList
            requests={view[part]}
            empty={part === "pending" ? t("accountRequests.nonePending") : t("accountRequests.noneDecided")}
            commands={(request) => {
              const own = request.requestedById === view.self;
              const mayCancel = own && request.status === "PENDING";
              const mayCollect = own && request.status === "APPROVED" && issuesPassword(request.kind) && !request.payload.passwordIssuedAt;
              // Kept mounted for one's own requests, so an issued password stays on screen after a refresh of the list.
              return own ? (
                <RequestCommands
                  requestId={request.id}
                  version={request.version}
                  username={request.payload.username}
                  mayCancel={mayCancel}
                  mayCollect={mayCollect}
                />
              ) : null;
            }}
          />
        </section>
      ))}
    </div>
  );
}

import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/PageHeader";
import { RequestDecision } from "@/components/accounts/RequestDecision";
import { RequestList, requestSummary } from "@/components/accounts/RequestList";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listPrivilegedRequests } from "@/lib/accounts/server/requests";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountRequests"))("auditorTitle") };
}

/** 三员分立: the auditor approves or refuses the account administrator's privileged requests. */
export default async function AuditRequestsPage() {
  const actor = await requirePageActor();
  const [t, view] = await Promise.all([getTranslations(), loadForPage(() => listPrivilegedRequests(actor))]);
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <Link href="/audit" className="text-sm text-brand-700 underline">
          {t("accountRequests.backToAudit")}
        </Link>
        <PageHeader title={t("accountRequests.auditorTitle")} description={t("accountRequests.auditorDescription")} />
      </div>
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t("accountRequests.pendingHeading", { count: view.pending.length })}
        </h2>
        <RequestList
          requests={view.pending}
          empty={t("accountRequests.nonePending")}
          commands={async (request) =>
            request.requestedById === view.self || request.targetUserId === view.self ? (
              <p className="text-sm text-slate-700">{t("accountRequests.notYours")}</p>
            ) : (
              <RequestDecision requestId={request.id} version={request.version} summary={await requestSummary(request)} />
            )
          }
        />
      </section>
      <section aria-labelledby="decided-heading" className="space-y-3">
        <h2 id="decided-heading" className="text-lg font-semibold">
          {t("accountRequests.decidedHeading")}
        </h2>
        <RequestList requests={view.decided} empty={t("accountRequests.noneDecided")} commands={() => null} />
      </section>
    </div>
  );
}

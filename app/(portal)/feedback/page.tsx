import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ModerationDecision } from "@/components/feedback/ModerationDecision";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { pageNumber } from "@/lib/core/paging";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { listModerationQueue, type DecidedComment } from "@/lib/feedback/server/moderation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("feedback"))("title") };
}

/** 公众评价审核: CAST approves (publishes) or rejects the comments visitors left on /progress, oldest first, a page at a time. */
export default async function FeedbackModerationPage({ searchParams }: PageProps<"/feedback">) {
  const actor = await requirePageActor();
  const query = await searchParams;
  const page = pageNumber(query.page);
  const status = query.view === "decided" ? "DECIDED" : "PENDING";
  const [t, queue] = await Promise.all([getTranslations("feedback"), loadForPage(() => listModerationQueue(actor, { page, status }))]);
  const viewParam = status === "DECIDED" ? "view=decided&" : "";
  const tab = (active: boolean) => `rounded-md px-3 py-1 text-sm ${active ? "bg-brand-700 text-white" : "text-brand-700 underline"}`;
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("title")} className="flex gap-2">
        <Link href="/feedback" className={tab(status === "PENDING")} aria-current={status === "PENDING" ? "page" : undefined}>
          {t("pendingTab")} ({queue.pendingCapped ? `${queue.pending}+` : queue.pending})
        </Link>
        <Link href="/feedback?view=decided" className={tab(status === "DECIDED")} aria-current={status === "DECIDED" ? "page" : undefined}>
          {t("decidedTab")}
        </Link>
      </nav>
      <section aria-labelledby="queue-heading" className="space-y-3">
        <h2 id="queue-heading" className="text-lg font-semibold">
          {status === "PENDING" ? t("pendingHeading") : t("decidedHeading")}
        </h2>
        {queue.comments.length === 0 ? (
          <p className="text-sm text-slate-700">{status === "PENDING" ? t("nonePending") : t("noneDecided")}</p>
        ) : (
          <ol className="space-y-3">
            {queue.comments.map((comment) => {
              const decided = "status" in comment && comment.status ? (comment as DecidedComment) : null;
              return (
                <Card as="li" key={comment.id} data-testid="queued-comment">
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-slate-600">{t("section")}</dt>
                    <dd lang="zh-CN">
                      {comment.section.number}
                      {comment.section.title}
                    </dd>
                    <dt className="text-slate-600">{t("score")}</dt>
                    <dd>{comment.score === null ? t("noScore") : t("scoreValue", { score: comment.score })}</dd>
                    <dt className="text-slate-600">{t("submittedAt")}</dt>
                    <dd>{formatShanghaiDateTime(comment.createdAt)}</dd>
                  </dl>
                  <p lang="zh-CN" className="mt-2 whitespace-pre-line rounded bg-slate-50 px-3 py-2 text-sm text-slate-900">
                    {comment.text}
                  </p>
                  {decided ? (
                    <p className="mt-2 text-sm text-slate-700">
                      <Badge tone={decided.status === "APPROVED" ? "green" : "red"}>{t(`statuses.${decided.status}`)}</Badge>{" "}
                      {decided.moderatedAt
                        ? t("moderated", { name: decided.moderatedBy ?? "—", at: formatShanghaiDateTime(decided.moderatedAt) })
                        : null}
                      {decided.reason ? ` · ${t("reasonLine", { reason: decided.reason })}` : null}
                    </p>
                  ) : (
                    <div className="mt-3">
                      <ModerationDecision commentId={comment.id} />
                    </div>
                  )}
                </Card>
              );
            })}
          </ol>
        )}
        <Pager info={queue.info} href={(target) => `/feedback?${viewParam}page=${target}`} />
      </section>
    </div>
  );
}

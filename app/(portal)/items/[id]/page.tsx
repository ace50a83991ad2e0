import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ItemUnits } from "@/components/plans/ItemUnits";
import { LinkedItems } from "@/components/plans/LinkedItems";
import { DistrictProgress } from "@/components/plans/DistrictProgress";
import { getDistrictProgress } from "@/lib/plans/server/districts";
import { RevisionHistory } from "@/components/plans/RevisionHistory";
import { ItemCommands } from "@/components/plans/authoring/ItemCommands";
import { moveTargets } from "@/lib/plans/server/authoring";
import { mayEditPlan } from "@/lib/plans/server/plan-access";
import { LEAF_KINDS, mayHoldKind } from "@/lib/plans/schemas/authoring";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Section } from "@/components/ui/Card";
import { shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getPlanItem } from "@/lib/plans/server/plans";
import { itemTimeline } from "@/lib/reporting/server/reports";
import { Timeline } from "@/components/reporting/Timeline";
import { readIdParam } from "@/lib/core/params";
import { readPageQuery } from "@/lib/core/params";
import { itemPageQuerySchema } from "@/lib/plans/schemas/pages";
import { mayAttempt } from "@/lib/core/operations";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function generateMetadata({ params }: PageProps<"/items/[id]">): Promise<Metadata> {
  return { title: `${(await getTranslations("plans"))("item")} ${(await params).id}` };
}

export default async function ItemPage({ params, searchParams }: PageProps<"/items/[id]">) {
  const actor = await requirePageActor();
  const itemId = await readIdParam(params);
  const { tab } = readPageQuery(itemPageQuerySchema, await searchParams).query;
  const [t, format, { item, ancestors, assignments }] = await Promise.all([
    getTranslations("plans"),
    getTranslations("format"),
    loadForPage(() => getPlanItem(actor, itemId)),
  ]);
  // An ended plan is read-only: no edit, archive or add buttons.
  const planEnded = item.plan.status === "ENDED";
  // CAST on any plan, a district liaison on their own district's plan (mayEditPlan also refuses an ended plan).
  const canEdit =
    mayAttempt(actor.role, PLAN_OPERATIONS.updateItem) && !planEnded && mayEditPlan(actor, PLAN_OPERATIONS.updateItem, item.plan);
  const authoring = await getTranslations("planAuthoring");
  const targets = canEdit && !item.archivedAt ? await loadForPage(() => moveTargets(actor, itemId)) : [];
  // 承接自 / 已结转至: carry-over links, shown apart from the links an item serves by.
  const carriedFrom = item.linksFrom.filter((link) => link.type === "CARRIED_OVER");
  const carriedTo = item.linksTo.filter((link) => link.type === "CARRIED_OVER");
  const timeline = mayAttempt(actor.role, REPORTING_OPERATIONS.itemTimeline) ? await loadForPage(() => itemTimeline(actor, itemId)) : null;
  // 各区落实情况: a city measure or section shows the district plan items that serve it.
  const districtGroups =
    item.plan.kind !== "DISTRICT" && (item.kind === "MEASURE" || item.kind === "SECTION")
      ? await loadForPage(() => getDistrictProgress(actor, itemId))
      : null;
  const paragraphs = item.fullText.split("\n").filter(Boolean);
  const tabClass = (active: boolean) =>
    active ? "border-b-2 border-brand-600 px-3 py-2 font-medium text-brand-700" : "px-3 py-2 text-slate-700 hover:text-brand-700";
  return (
    <article className="max-w-5xl space-y-5">
      <nav aria-label={t("breadcrumb")} className="text-sm text-slate-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href={`/plans/${item.plan.code}`} className="underline">
              {item.plan.shortTitle}
            </Link>
          </li>
          {ancestors.map((ancestor) => (
            <li key={ancestor.id}>
              ›{" "}
              <Link href={`/items/${ancestor.id}`} className="underline">
                {ancestor.number}
                {ancestor.title}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap gap-2">
          <Badge tone="blue">{t(`kinds.${item.kind}`)}</Badge>
          {item.archivedAt ? <Badge tone="red">{t("archived")}</Badge> : null}
          {planEnded ? <Badge tone="neutral">{t("periods.ended")}</Badge> : null}
        </div>
        <h1 className="text-2xl font-semibold text-slate-900">
          {item.number ? <span className="mr-1">{item.number}</span> : null}
          {item.title}
        </h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          {item.phase ? (
            <div>
              <dt className="inline text-slate-600">{format("labelled", { label: t("phase") })}</dt>
              <dd className="inline">{item.phase.name}</dd>
            </div>
          ) : null}
          {item.startDate ? (
            <div>
              <dt className="inline text-slate-600">{format("labelled", { label: t("startDate") })}</dt>
              <dd className="inline">{shanghaiDate(item.startDate)}</dd>
            </div>
          ) : null}
          {item.dueDate ? (
            <div>
              <dt className="inline text-slate-600">{format("labelled", { label: t("dueDate") })}</dt>
              <dd className="inline">{shanghaiDate(item.dueDate)}</dd>
            </div>
          ) : null}
          {item.reportingCycle ? (
            <div>
              <dt className="inline text-slate-600">{format("labelled", { label: t("reportingCycle") })}</dt>
              <dd className="inline">{t(`cycles.${item.reportingCycle}`)}</dd>
            </div>
          ) : null}
        </dl>
      </header>

      <nav aria-label={t("tabs")} className="flex gap-2 border-b border-slate-200 text-sm">
        <Link href={`/items/${item.id}`} aria-current={tab === "detail" ? "page" : undefined} className={tabClass(tab === "detail")}>
          {t("detailTab")}
        </Link>
        <Link
          href={`/items/${item.id}?tab=history`}
          aria-current={tab === "history" ? "page" : undefined}
          className={tabClass(tab === "history")}
        >
          {t("historyTab", { count: item.revisions.length })}
        </Link>
      </nav>

      {tab === "history" ? (
        <div className="space-y-3">
          {item.revisions.length > 1 ? (
            <Link href={`/items/${item.id}/compare`} className={buttonClasses("secondary")}>
              {authoring("compareVersions")}
            </Link>
          ) : null}
          <RevisionHistory revisions={item.revisions} />
        </div>
      ) : (
        <div className="grid gap-5 lg:grid-cols-3">
          <div className="space-y-5 lg:col-span-2">
            {item.taskStatement ? (
              <Section headingId="task-heading" heading={t("task")}>
                <p className="mt-2 leading-relaxed text-slate-800">{item.taskStatement}</p>
              </Section>
            ) : null}
            {paragraphs.length > 0 ? (
              <Section headingId="text-heading" heading={t("fullText")}>
                <div className="mt-2 space-y-2 leading-relaxed text-slate-800" data-testid="full-text">
                  {paragraphs.map((paragraph, index) => (
                    <p key={index}>{paragraph}</p>
                  ))}
                </div>
              </Section>
            ) : null}
            {item.sourceNote ? <p className="text-xs text-amber-800">{item.sourceNote}</p> : null}
            {districtGroups ? <DistrictProgress groups={districtGroups} showServes={item.kind === "SECTION"} /> : null}
            {timeline ? (
              <Section headingId="progress-heading" heading={t("progressTimeline")} headingClassName="mb-3">
                <Timeline events={timeline} label={t("progressTimeline")} />
              </Section>
            ) : null}
            {item.children.length > 0 || (canEdit && item.kind === "MEASURE") ? (
              <Section
                headingId="children-heading"
                heading={t(item.kind === "MEASURE" ? "workItems" : "children")}
                actions={
                  canEdit && item.kind === "MEASURE" && !item.archivedAt ? (
                    <Link href={`/items/new?parent=${item.id}`} className={buttonClasses()}>
                      {t("newWorkItem")}
                    </Link>
                  ) : null
                }
              >
                {item.children.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("noWorkItems")}</p> : null}
                <ol className="mt-2 space-y-1 text-sm">
                  {item.children.map((child) => (
                    <li key={child.id}>
                      <Link href={`/items/${child.id}`} className="text-brand-700 underline">
                        {child.number}
                        {child.title}
                      </Link>
                      {child.dueDate ? (
                        <span className="ml-2 text-slate-600">{t("dueOn", { date: shanghaiDate(child.dueDate) })}</span>
                      ) : null}
                      {child.archivedAt ? <span className="text-slate-600">{format("note", { note: t("archived") })}</span> : null}
                    </li>
                  ))}
                </ol>
              </Section>
            ) : null}
          </div>
          <div className="space-y-5">
            <ItemUnits assignments={assignments} />
            <LinkedItems
              id="serves-heading"
              heading={t("serves")}
              links={item.linksFrom
                .filter((link) => link.type !== "CARRIED_OVER")
                .map((link) => ({ linkId: link.id, reason: link.reason, item: link.toItem }))}
            />
            <LinkedItems
              id="served-heading"
              heading={t("servedBy")}
              links={item.linksTo
                .filter((link) => link.type !== "CARRIED_OVER")
                .map((link) => ({ linkId: link.id, reason: link.reason, item: link.fromItem }))}
            />
            <LinkedItems
              id="carried-from-heading"
              heading={t("periods.carriedFrom")}
              links={carriedFrom.map((link) => ({ linkId: link.id, reason: link.reason, item: link.toItem }))}
            />
            <LinkedItems
              id="carried-to-heading"
              heading={t("periods.carriedTo")}
              links={carriedTo.map((link) => ({ linkId: link.id, reason: link.reason, item: link.fromItem }))}
            />
            {canEdit ? (
              <Section headingId="manage-heading" heading={t("manage")} className="space-y-3">
                {!item.archivedAt ? (
                  <div className="flex flex-wrap gap-2">
                    <Link href={`/items/${item.id}/edit`} className={buttonClasses("secondary")}>
                      {t("edit")}
                    </Link>
                    {!LEAF_KINDS.includes(item.kind) ? (
                      <Link href={`/plans/${item.plan.code}/items/new?parent=${item.id}`} className={buttonClasses("secondary")}>
                        {authoring("newChildItem")}
                      </Link>
                    ) : null}
                  </div>
                ) : null}
                <ItemCommands
                  itemId={item.id}
                  version={item.version}
                  archived={item.archivedAt !== null}
                  moveTargets={targets}
                  mayMoveToTop={item.parentId !== null && mayHoldKind("top", item.kind)}
                />
              </Section>
            ) : null}
          </div>
        </div>
      )}
    </article>
  );
}

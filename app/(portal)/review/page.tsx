import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BulkApproveQueue } from "@/components/reporting/BulkApproveQueue";
import { Alert } from "@/components/ui/Alert";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { REVIEW_SORTS, reviewQueueFilterSchema } from "@/lib/reporting/schemas";
import { reviewQueue } from "@/lib/reporting/server/reports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default async function ReviewQueuePage({ searchParams }: PageProps<"/review">) {
  const actor = await requirePageActor();
  const { query: filter, ignored } = readPageQuery(reviewQueueFilterSchema, await searchParams);
  const [t, queue] = await Promise.all([getTranslations("review"), loadForPage(() => reviewQueue(actor, filter))]);
  const select = (
    name: "round" | "unit" | "section" | "sort",
    label: string,
    options: { value: string | number; label: string }[],
    all = true,
  ) => (
    <div>
      <label htmlFor={`review-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={`review-${name}`} name={name} defaultValue={filter[name] ?? ""} className={INPUT}>
        {all ? <option value="">{t("all")}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  const filtered = filter.round !== undefined || filter.unit !== undefined || filter.section !== undefined;
  const { page: _page, ...kept } = filter;
  const pageHref = (page: number) => {
    const values = new URLSearchParams();
    for (const [key, value] of Object.entries(kept)) if (value !== undefined) values.set(key, String(value));
    values.set("page", String(page));
    return `/review?${values.toString()}`;
  };
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={t("title")} description={t("description", { count: queue.total })} />
      {ignored.length > 0 ? <Alert tone="error">{t("badFilters")}</Alert> : null}
      {queue.total > 0 ? (
        <Card as="form" method="get" aria-label={t("filters")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {select(
            "round",
            t("round"),
            queue.options.rounds.map((round) => ({ value: round.id, label: round.name })),
          )}
          {select(
            "unit",
            t("unit"),
            queue.options.units.map((unit) => ({ value: unit.id, label: unit.name })),
          )}
          {select(
            "section",
            t("section"),
            queue.options.sections.map((section) => ({ value: section.id, label: `${section.number ?? ""}${section.title}` })),
          )}
          {select(
            "sort",
            t("sort"),
            REVIEW_SORTS.map((sort) => ({ value: sort, label: t(`sorts.${sort}`) })),
            false,
          )}
          <div className="flex items-end">
            <button type="submit" className={buttonClasses()}>
              {t("apply")}
            </button>
          </div>
        </Card>
      ) : null}
      {queue.total === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
      {queue.total > 0 && filtered ? (
        <p className="text-sm text-slate-600" aria-live="polite">
          {queue.matching === 0 ? t("noMatch") : t("shown", { shown: queue.matching, total: queue.total })}
        </p>
      ) : null}
      <BulkApproveQueue
        rows={queue.reports.map((report) => ({
          id: report.id,
          version: report.version,
          unitName: report.unit.name,
          itemNumber: report.item.number,
          itemTitle: report.item.title,
          roundName: report.round.name,
          submitted: t("submittedAt", { time: report.submittedAt ? formatShanghaiDateTime(report.submittedAt) : "—" }),
          onBehalf: report.enteredById !== null,
        }))}
      />
      {queue.matching > 0 ? <Pager info={queue.info} href={pageHref} /> : null}
    </div>
  );
}

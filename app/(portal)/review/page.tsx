import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { reviewQueue } from "@/lib/reporting/server/reports";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

export default async function ReviewQueuePage() {
  const actor = await requirePageActor();
  const [t, queue] = await Promise.all([getTranslations("review"), loadForPage(() => reviewQueue(actor))]);
  return (
    <div className="max-w-5xl">
      <PageHeader title={t("title")} description={t("description", { count: queue.length })} />
      {queue.length === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
      <ol className="space-y-2" data-testid="review-queue">
        {queue.map((report) => (
          <Card as="li" key={report.id} padding="sm" className="text-sm">
            <Link href={`/reports/${report.id}`} className="font-medium text-brand-700 underline">
              {report.unit.name} · {report.item.number}
              {report.item.title}
            </Link>
            <p className="text-slate-600">
              {report.round.name} · {t("submittedAt", { time: report.submittedAt ? formatShanghaiDateTime(report.submittedAt) : "—" })}
            </p>
          </Card>
        ))}
      </ol>
    </div>
  );
}

import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { LightSummaryText } from "@/components/reporting/LightBadge";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { readPageQuery } from "@/lib/core/params";
import { listPageSchema } from "@/lib/reporting/schemas";
import { shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listRounds } from "@/lib/reporting/server/rounds";
import { mayAttempt } from "@/lib/core/operations";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("title") };
}

export default async function RoundsPage({ searchParams }: PageProps<"/rounds">) {
  const actor = await requirePageActor();
  const { query } = readPageQuery(listPageSchema, await searchParams);
  const [t, { rounds, info }] = await Promise.all([getTranslations("rounds"), loadForPage(() => listRounds(actor, query))]);
  return (
    <div className="max-w-5xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          mayAttempt(actor.role, REPORTING_OPERATIONS.openRound) ? (
            <Link href="/rounds/new" className={buttonClasses()}>
              {t("new")}
            </Link>
          ) : null
        }
      />
      {info.total === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
      <ul className="space-y-3">
        {rounds.map((round) => (
          <Card as="li" key={round.id}>
            <Link href={`/rounds/${round.id}`} className="text-lg font-medium text-brand-700 underline">
              {round.name}
            </Link>
            <p className="text-sm text-slate-600">
              {round.period} · {t("deadlineOn", { date: shanghaiDate(round.deadline) })} ·{" "}
              {t("progress", { submitted: round.submitted, total: round.reportCount })} · {t(`statuses.${round.status}`)}
            </p>
            <LightSummaryText summary={round.summary} />
          </Card>
        ))}
      </ul>
      {info.total > 0 ? <Pager info={info} href={(page) => `/rounds?page=${page}`} className="mt-4" /> : null}
    </div>
  );
}

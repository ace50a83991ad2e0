import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { LedgerUploadForm } from "@/components/reporting/ledger/LedgerUploadForm";
import { Alert } from "@/components/ui/Alert";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { idField, optionalField } from "@/lib/core/form";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { shanghaiDate } from "@/lib/core/time";
import { reportImportOptions } from "@/lib/reporting/server/ledger-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ledgerImport"))("title") };
}

/** ?unit= preselects the 代填 unit (from a round page), ?round= names the round it came from, ?discarded=1 after 放弃导入. */
const querySchema = z.object({
  unit: optionalField(idField),
  round: optionalField(idField),
  discarded: z.literal("1").optional(),
});

export default async function LedgerImportPage({ searchParams }: PageProps<"/reports/import">) {
  const actor = await requirePageActor();
  const { unit, round, discarded } = readPageQuery(querySchema, await searchParams).query;
  const [t, options] = await Promise.all([getTranslations("ledgerImport"), loadForPage(() => reportImportOptions(actor))]);
  const rounds = round ? [...options.rounds].sort((a, b) => Number(b.id === round) - Number(a.id === round)) : options.rounds;
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={t("title")} description={t("description")} />
      {discarded ? <Alert tone="success">{t("discarded")}</Alert> : null}
      <Section headingId="ledger-rounds" heading={t("roundsHeading")} className="space-y-3">
        <p className="text-sm text-slate-700">{options.onBehalf ? t("roundsTextCast") : t("roundsTextLiaison")}</p>
        {rounds.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {rounds.map((entry) => (
              <li key={entry.id}>
                {options.onBehalf ? (
                  <Link href={`/rounds/${entry.id}`} className="text-brand-700 underline">
                    {t("openRound", { round: entry.name })}
                  </Link>
                ) : (
                  <a href={`/rounds/${entry.id}/workbook`} className="text-brand-700 underline" download>
                    {t("downloadWorkbook", { round: entry.name })}
                  </a>
                )}{" "}
                <span className="text-slate-600">{t("deadline", { date: shanghaiDate(entry.deadline) })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("noOpenRounds")}</p>
        )}
      </Section>
      <Section headingId="ledger-upload" heading={t("uploadHeading")}>
        <LedgerUploadForm
          onBehalf={options.onBehalf}
          units={options.units}
          initialUnit={options.units.some((entry) => entry.id === unit) ? unit : undefined}
        />
      </Section>
      <p className="text-sm">
        {options.onBehalf ? (
          <Link href="/rounds" className="text-brand-700 underline">
            {t("backToRounds")}
          </Link>
        ) : (
          <Link href="/my-tasks" className="text-brand-700 underline">
            {t("backToTasks")}
          </Link>
        )}
      </p>
    </div>
  );
}

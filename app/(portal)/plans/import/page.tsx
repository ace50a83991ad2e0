import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ImportForm } from "@/components/plans/import/ImportForm";
import { Alert } from "@/components/ui/Alert";
import { buttonClasses } from "@/components/ui/Button";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { listImportTargets } from "@/lib/plans/server/plan-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planImport"))("title") };
}

const querySchema = z.object({ plan: z.string().optional(), discarded: z.literal("1").optional() });

export default async function PlanImportPage({ searchParams }: PageProps<"/plans/import">) {
  const actor = await requirePageActor();
  const { plan, discarded } = readPageQuery(querySchema, await searchParams).query;
  const [t, targets] = await Promise.all([getTranslations("planImport"), loadForPage(() => listImportTargets(actor))]);
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={t("title")} description={t("description")} />
      {discarded ? <Alert tone="success">{t("discarded")}</Alert> : null}
      <Section headingId="import-template" heading={t("templateHeading")} className="space-y-3">
        <p className="text-sm text-slate-700">{t("templateText")}</p>
        <p>
          <a href="/plans/import/template" className={buttonClasses("secondary")} download>
            {t("downloadTemplate")}
          </a>
        </p>
        {targets.length > 0 ? (
          <div className="text-sm">
            <p className="text-slate-700">{t("filledText")}</p>
            <ul className="mt-1 list-disc pl-5">
              {targets.map((target) => (
                <li key={target.code}>
                  <a href={`/plans/import/template?plan=${target.code}`} className="text-brand-700 underline" download>
                    {t("downloadFilled", { title: target.title })}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Section>
      <Section headingId="import-upload" heading={t("uploadHeading")}>
        <ImportForm
          targets={targets.map(({ code, title }) => ({ code, title }))}
          initialTarget={targets.some((target) => target.code === plan) ? plan : undefined}
        />
      </Section>
      <p className="text-sm">
        <Link href="/plans" className="text-brand-700 underline">
          {t("backToPlans")}
        </Link>
      </p>
    </div>
  );
}

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { LightBadge } from "@/components/reporting/LightBadge";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Card";
import { ZhText } from "@/components/ui/ZhText";
import { shanghaiDate } from "@/lib/core/time";
import type { DistrictGroup } from "@/lib/plans/server/districts";

/**
 * 各区落实情况 on a city measure's (or section's) page: per district, the items of its district plan
 * that serve this item, each with the progress of its latest reporting round.
 */
export function DistrictProgress({ groups, showServes }: { groups: DistrictGroup[]; showServes: boolean }) {
  const t = useTranslations("districts");
  const reports = useTranslations("reports");
  const format = useTranslations("format");
  return (
    <Section headingId="districts-heading" heading={t("heading")} headingClassName="mb-1">
      <div data-testid="district-progress">
        <p className="text-sm text-slate-700">{t("description")}</p>
        {groups.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("none")}</p> : null}
        <ul className="mt-3 space-y-4">
          {groups.map((group) => (
            <li key={group.district.id} data-testid="district-group">
              <h3 className="text-sm font-semibold text-slate-900">
                <ZhText>{group.district.name}</ZhText>
                <span className="ml-2 font-normal text-slate-600">{t("itemCount", { count: group.items.length })}</span>
              </h3>
              <ul className="mt-1 space-y-2 border-l-2 border-slate-200 pl-3 text-sm">
                {group.items.map((item) => (
                  <li key={item.id} data-testid="district-item">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/items/${item.id}`} className="text-brand-700 underline">
                        <ZhText>
                          {item.plan.shortTitle} · {item.number}
                          {item.title}
                        </ZhText>
                      </Link>
                      {item.plan.status === "DRAFT" ? <Badge tone="amber">{t("draftPlan")}</Badge> : null}
                      {item.plan.status === "ENDED" ? <Badge>{t("endedPlan")}</Badge> : null}
                      {item.plan.isDemo ? <Badge tone="amber">{t("demo")}</Badge> : null}
                    </div>
                    {showServes ? (
                      <p className="text-xs text-slate-600">{t("serves", { item: `${item.serves.number ?? ""}${item.serves.title}` })}</p>
                    ) : null}
                    {item.progress ? (
                      <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-800" data-testid="district-item-progress">
                        <ZhText>{item.progress.round.name}</ZhText>
                        <span>{reports(`states.${item.progress.state}`)}</span>
                        {item.progress.status ? <span>{reports(`statuses.${item.progress.status}`)}</span> : null}
                        {item.progress.completion !== null ? <span>{t("completion", { value: item.progress.completion })}</span> : null}
                        {item.progress.submittedAt ? (
                          <span className="text-slate-600">{t("submittedOn", { date: shanghaiDate(item.progress.submittedAt) })}</span>
                        ) : null}
                        <LightBadge light={item.progress.light} reason={item.progress.reason} />
                        <span className="text-xs text-slate-600">
                          {t("reportBy", { unit: item.progress.unitName })}
                          {item.progress.isDemo ? format("note", { note: t("demo") }) : ""}
                        </span>
                      </p>
                    ) : (
                      <p className="mt-1 text-slate-600">{t("noReport")}</p>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </div>
    </Section>
  );
}

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import type { EffectiveAssignments } from "@/lib/plans/server/plans";
import { Section } from "@/components/ui/Card";
import { FormerName } from "@/components/units/FormerName";

export function ItemUnits({ assignments }: { assignments: EffectiveAssignments }) {
  const t = useTranslations("plans");
  const list = (items: EffectiveAssignments["lead"]) =>
    items.length === 0 ? (
      <span className="text-slate-600">—</span>
    ) : (
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {items.map((assignment) => (
          <li key={assignment.unit.id}>
            <Link href={`/units/${assignment.unit.id}`} className="text-brand-700 underline">
              {assignment.unit.name}
            </Link>
            <FormerName name={assignment.unit.name} printedName={assignment.printedName} />
            {assignment.note ? <span className="block text-xs text-amber-800">{assignment.note}</span> : null}
          </li>
        ))}
      </ul>
    );
  return (
    <Section headingId="units-heading" heading={t("unitsHeading")}>
      {assignments.inheritedFrom ? (
        <p className="mt-1 text-xs text-slate-600">
          {t("inheritedFrom")}
          <Link href={`/items/${assignments.inheritedFrom.id}`} className="underline">
            {assignments.inheritedFrom.number}
            {assignments.inheritedFrom.title}
          </Link>
        </p>
      ) : null}
      <dl className="mt-3 space-y-3 text-sm">
        <div>
          <dt className="font-medium text-slate-800">{t("leadUnits")}</dt>
          <dd className="mt-1" data-testid="lead-units">
            {list(assignments.lead)}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-800">{t("supportUnits")}</dt>
          <dd className="mt-1" data-testid="support-units">
            {list(assignments.support)}
          </dd>
        </div>
      </dl>
    </Section>
  );
}

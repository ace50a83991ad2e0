import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/Card";
import { FormerName } from "@/components/units/FormerName";

interface FocusCardProps {
  name: string;
  section: {
    id: number;
    number: string | null;
    title: string;
    taskStatement: string | null;
    assignments: { unit: { id: number; name: string }; printedName?: string | null }[];
    _count: { children: number };
  };
}

/** One population action or key project: its task and lead units. */
export function FocusCard({ name, section }: FocusCardProps) {
  const t = useTranslations("overview");
  const format = useTranslations("format");
  return (
    <Card as="article" className="flex flex-col">
      <h3 className="font-semibold text-slate-900">
        <Link href={`/items/${section.id}`} className="hover:underline">
          {name}
        </Link>
      </h3>
      <p className="mt-1 text-xs text-slate-600">
        {section.number}
        {section.title}
      </p>
      <p className="mt-2 line-clamp-3 text-sm text-slate-700">{section.taskStatement}</p>
      <p className="mt-auto pt-3 text-sm">
        <span className="text-slate-600">{format("labelled", { label: t("leadUnits") })}</span>
        {section.assignments.map((assignment, index) => (
          <span key={assignment.unit.id}>
            {index > 0 ? format("listSeparator") : ""}
            <Link href={`/units/${assignment.unit.id}`} className="text-brand-700 underline">
              {assignment.unit.name}
            </Link>
            <FormerName name={assignment.unit.name} printedName={assignment.printedName} />
          </span>
        ))}
      </p>
      <p className="mt-1 text-xs text-slate-600">{t("measureCount", { count: section._count.children })}</p>
    </Card>
  );
}

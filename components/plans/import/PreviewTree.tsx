import { useTranslations } from "next-intl";
import type { PreviewNode } from "@/lib/plans/server/plan-import";

function Units({ label, units }: { label: string; units: PreviewNode["lead"] }) {
  const t = useTranslations("planImport");
  if (units.length === 0) return null;
  return (
    <span className="mr-3">
      {t("labelled", { label })}
      {units.map((unit, index) => (
        <span key={unit.written}>
          {index > 0 ? t("separator") : ""}
          {unit.current === null ? (
            <span className="font-medium text-red-800">{t("unknownUnit", { name: unit.written })}</span>
          ) : unit.current !== unit.written ? (
            t("unitNowCalled", { written: unit.written, current: unit.current })
          ) : (
            unit.written
          )}
        </span>
      ))}
    </span>
  );
}

function Node({ node }: { node: PreviewNode }) {
  const t = useTranslations("planImport");
  return (
    <li className="mt-2">
      <div>
        <span className="mr-2 inline-flex rounded bg-slate-100 px-1.5 text-xs text-slate-800">{t(`kinds.${node.kind}`)}</span>
        {node.number ? <span className="mr-1 font-medium">{node.number}</span> : null}
        <span>{node.title}</span>
      </div>
      <div className="text-xs text-slate-700">
        <Units label={t("lead")} units={node.lead} />
        <Units label={t("support")} units={node.support} />
        {node.dueDate ? <span>{t("dueDate", { date: node.dueDate })}</span> : null}
      </div>
      {node.children.length > 0 ? (
        <ul className="ml-5 border-l border-slate-200 pl-3">
          {node.children.map((child) => (
            <Node key={child.key} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The items as the plan will show them: numbers, titles, kinds, lead and supporting units. */
export function PreviewTree({ roots }: { roots: PreviewNode[] }) {
  return (
    <ul lang="zh-CN" className="text-sm" data-testid="import-preview-tree">
      {roots.map((node) => (
        <Node key={node.key} node={node} />
      ))}
    </ul>
  );
}

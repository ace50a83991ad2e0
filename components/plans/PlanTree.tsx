import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/Badge";
import type { TreeNode } from "@/lib/plans/server/plans";
import { excerpt, Highlight } from "./Highlight";

function Node({ node, query, depth }: { node: TreeNode; query?: string; depth: number }) {
  const t = useTranslations("plans");
  const snippet = query && node.matched ? (excerpt(node.taskStatement ?? "", query) ?? excerpt(node.fullText, query)) : null;
  const label = (
    <>
      <Link
        href={`/items/${node.id}`}
        className={`hover:text-brand-700 hover:underline ${depth === 0 ? "font-semibold text-slate-900" : node.kind === "SECTION" ? "font-medium text-slate-900" : "text-slate-800"}`}
      >
        {node.number ? <span className="mr-1 text-slate-600">{node.number}</span> : null}
        <Highlight text={node.title} query={query} />
      </Link>
      {node.kind === "WORK_ITEM" ? (
        <span className="ml-2">
          <Badge tone="blue">{t("kinds.WORK_ITEM")}</Badge>
        </span>
      ) : null}
      {node.archivedAt ? (
        <span className="ml-2">
          <Badge>{t("archived")}</Badge>
        </span>
      ) : null}
      {snippet ? (
        <p className="mt-1 text-xs text-slate-600">
          <Highlight text={snippet} query={query} />
        </p>
      ) : null}
    </>
  );
  return (
    <li className="py-1">
      {label}
      {node.children.length > 0 ? (
        <ul className="ml-5 mt-1 border-l border-slate-200 pl-3">
          {node.children.map((child) => (
            <Node key={child.id} node={child} query={query} depth={depth + 1} />
          ))}
          {node.moreWorkItems > 0 ? (
            <li className="py-1">
              <Link href={`/items/${node.id}`} className="text-brand-700 underline">
                {t("moreWorkItems", { count: node.moreWorkItems })}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}

export function PlanTree({ roots, query }: { roots: TreeNode[]; query?: string }) {
  return (
    <ul className="text-sm" data-testid="plan-tree">
      {roots.map((node) => (
        <Node key={node.id} node={node} query={query} depth={0} />
      ))}
    </ul>
  );
}

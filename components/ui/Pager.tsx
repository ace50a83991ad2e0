import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import type { PageInfo } from "@/lib/core/paging";
import { buttonClasses } from "./Button";

/**
 * The count line and previous/next links under a paged list (lib/core/paging.ts). `href(page)` builds
 * the link for a page with the list's other filters kept.
 */
export async function Pager({ info, href, className = "" }: { info: PageInfo; href: (page: number) => string; className?: string }) {
  const t = await getTranslations("paging");
  return (
    <nav aria-label={t("label")} className={`flex flex-wrap items-center gap-2 text-sm text-slate-700 ${className}`}>
      <span>
        {info.capped
          ? t("countAtLeast", { total: info.total, page: info.page })
          : t("count", { total: info.total, page: info.page, pageCount: info.pageCount })}
      </span>
      {info.page > 1 ? (
        <Link href={href(info.page - 1)} className={buttonClasses("secondary")}>
          {t("previous")}
        </Link>
      ) : null}
      {info.page < info.pageCount ? (
        <Link href={href(info.page + 1)} className={buttonClasses("secondary")}>
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}

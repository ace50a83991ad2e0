import { useTranslations } from "next-intl";
import { formerPrintedName } from "@/lib/units/names";

/**
 * After a unit's current name: the name the plan printed, when it differs (a unit renamed or
 * merged since), e.g. 市科技创新局（原市科技创新委）. Nothing when they agree.
 */
export function FormerName({ name, printedName }: { name: string; printedName?: string | null }) {
  const t = useTranslations("units");
  const former = formerPrintedName(name, printedName);
  return former ? (
    <span lang="zh-CN" className="text-slate-700">
      {t("formerly", { name: former })}
    </span>
  ) : null;
}

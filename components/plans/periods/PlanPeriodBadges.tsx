import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/Badge";

/** 当前规划 / 已结束: where a plan stands between periods. */
export function PlanPeriodBadges({ plan }: { plan: { status: string; isCurrent: boolean } }) {
  const t = useTranslations("plans.periods");
  return (
    <>
      {plan.isCurrent ? <Badge tone="green">{t("current")}</Badge> : null}
      {plan.status === "ENDED" ? <Badge tone="neutral">{t("ended")}</Badge> : null}
    </>
  );
}

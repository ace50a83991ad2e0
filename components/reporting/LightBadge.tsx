import { useTranslations } from "next-intl";
import type { Light, LightReason, LightSummary } from "@/lib/reporting/traffic-light";

const DOT: Record<Light, string> = { RED: "bg-red-600", YELLOW: "bg-amber-400", GREEN: "bg-green-600" };
const TEXT: Record<Light, string> = { RED: "text-red-800", YELLOW: "text-amber-900", GREEN: "text-green-800" };

/** A light is always shown with its colour's name and its reason in words, never by colour alone. */
export function LightBadge({ light, reason, compact = false }: { light: Light; reason?: LightReason; compact?: boolean }) {
  const t = useTranslations("lights");
  return (
    <span className={`inline-flex items-center gap-1 text-xs ${TEXT[light]}`}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${DOT[light]}`} />
      <span className={compact ? "sr-only" : "font-medium"}>{t(light)}</span>
      {reason ? <span>{t(`reasons.${reason.key}`, reason.values)}</span> : null}
    </span>
  );
}

/** An aggregate: the worst light and its most frequent reasons, e.g. 红灯：2项逾期未报送. */
export function LightSummaryText({ summary }: { summary: LightSummary }) {
  const t = useTranslations("lights");
  const format = useTranslations("format");
  return (
    <span className={`inline-flex flex-wrap items-center gap-1 text-xs ${TEXT[summary.light]}`}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[summary.light]}`} />
      <span className="font-medium">{t(summary.light)}</span>
      <span>
        {summary.reasons
          .map((reason) => t("summaryReason", { count: reason.count, reason: t(`summaryReasons.${reason.key}`) }))
          .join(format("semicolonSeparator"))}
      </span>
    </span>
  );
}

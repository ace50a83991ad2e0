import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { ZhText } from "@/components/ui/ZhText";

interface TimelineEvent {
  id: number;
  type: string;
  comment: string | null;
  actorName: string | null;
  createdAt: Date;
  report?: { id: number; unit?: { name: string }; item?: { title: string } } | null;
}

export function Timeline({ events, label }: { events: TimelineEvent[]; label: string }) {
  const t = useTranslations("reports");
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("noEvents")}</p>;
  return (
    <ol aria-label={label} className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <p>
            <span className="font-medium">{t(`events.${event.type}`)}</span>
            {event.report?.unit ? (
              <>
                {" · "}
                <ZhText>{event.report.unit.name}</ZhText>
              </>
            ) : null}
            {event.report?.item ? (
              <>
                {" · "}
                <ZhText>{event.report.item.title}</ZhText>
              </>
            ) : null}
            {" · "}
            {event.actorName ? <ZhText>{event.actorName}</ZhText> : "—"} · {formatShanghaiDateTime(event.createdAt)}
            {event.report ? (
              <>
                {" "}
                <Link href={`/reports/${event.report.id}`} className="text-brand-700 underline">
                  {t("openReport")}
                </Link>
              </>
            ) : null}
          </p>
          {event.comment ? (
            <p lang="zh-CN" className="mt-0.5 text-slate-700">
              {event.comment}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

import { useTranslations } from "next-intl";
import { ZhText } from "@/components/ui/ZhText";

interface Phase {
  id: number;
  name: string;
  startYear: number;
  endYear: number;
  text: string;
}

interface PhaseTimelineProps {
  phases: Phase[];
  startYear: number;
  endYear: number;
  /** Today's date in Shenzhen, YYYY-MM-DD. */
  today: string;
}

const COLORS = ["bg-brand-100 border-brand-600", "bg-green-100 border-green-700", "bg-amber-100 border-amber-700"];

/** The schedule on a year axis, with today marked (or noted as before/after the plan period). */
export function PhaseTimeline({ phases, startYear, endYear, today }: PhaseTimelineProps) {
  const t = useTranslations("overview");
  const format = useTranslations("format");
  const span = endYear - startYear + 1;
  const todayYear = Number(today.slice(0, 4));
  const dayOfYear = (Date.parse(today) - Date.parse(`${todayYear}-01-01`)) / (365 * 86_400_000);
  const position = ((todayYear - startYear + dayOfYear) / span) * 100;
  const within = position >= 0 && position <= 100;
  const marker = Math.min(100, Math.max(0, position));
  return (
    <figure aria-labelledby="timeline-caption" className="space-y-3">
      <figcaption id="timeline-caption" className="text-sm text-slate-700">
        {within
          ? t("todayWithin", { today })
          : position > 100
            ? t("todayAfter", { today, endYear })
            : t("todayBefore", { today, startYear })}
      </figcaption>
      <div className="relative pt-6" aria-hidden="true">
        <div className="flex text-xs text-slate-600">
          {Array.from({ length: span }, (_, index) => (
            <div key={index} className="flex-1 border-l border-slate-300 pl-1">
              {startYear + index}
            </div>
          ))}
        </div>
        <div className="relative mt-1 h-16">
          {phases.map((phase, index) => {
            const left = ((phase.startYear - startYear) / span) * 100;
            const width = ((phase.endYear - phase.startYear + 1) / span) * 100;
            const row = index === 2 ? "top-8" : "top-0";
            return (
              <div
                key={phase.id}
                className={`absolute h-7 rounded border-l-4 px-2 text-xs leading-7 text-slate-900 ${COLORS[index % COLORS.length]} ${row}`}
                style={{ left: `${left}%`, width: `${width}%` }}
              >
                {phase.name}
              </div>
            );
          })}
        </div>
        <div className="absolute bottom-0 top-0 w-0.5 bg-red-600" style={{ left: `${marker}%` }}>
          <span className="absolute -top-0.5 -translate-x-1/2 whitespace-nowrap rounded bg-red-600 px-1 text-xs text-white">
            {t("today")}
          </span>
        </div>
      </div>
      <ol className="grid gap-2 text-sm sm:grid-cols-3">
        {phases.map((phase) => (
          <li key={phase.id} className="rounded border border-slate-200 bg-white p-3">
            <p className="font-medium">
              <ZhText>{phase.name}</ZhText>
              {format("note", {
                note: phase.startYear === phase.endYear ? String(phase.startYear) : `${phase.startYear}—${phase.endYear}`,
              })}
            </p>
            <p className="mt-1 text-slate-700">{phase.text}</p>
          </li>
        ))}
      </ol>
    </figure>
  );
}

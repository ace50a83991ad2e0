import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";

// Lights are derived from report data only, so that nobody can paint an item green by hand,
// and each one carries the reason a reader needs to trust it.

export type Light = "RED" | "YELLOW" | "GREEN";

export type ReportState = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";

export type ProgressStatus = "NOT_STARTED" | "ON_TRACK" | "BEHIND" | "COMPLETED" | "BLOCKED";

/**
 * Message keys for the reasons; the UI translates them. Chinese wording for the message files:
 * - overdueNotSubmitted: 逾期{days}天未报送
 * - overdueReturned: 退回后逾期{days}天未重新报送
 * - dueSoonNotSubmitted: 距截止还有{days}天，尚未报送 (days = 0: 今天截止，尚未报送)
 * - returnedAwaitingResubmission: 已退回修改，待重新报送
 * - notYetDue: 尚未到报送截止日
 * - reportedBlocked: 报告称工作受阻
 * - reportedBehind: 报告称进度滞后
 * - reportedNotStarted: 报告称尚未启动
 * - reportedOnTrack: 按计划推进
 * - reportedCompleted: 已完成
 * - submittedLate: 逾期{days}天后报送
 */
export type ReasonKey =
  | "overdueNotSubmitted"
  | "overdueReturned"
  | "dueSoonNotSubmitted"
  | "returnedAwaitingResubmission"
  | "notYetDue"
  | "reportedBlocked"
  | "reportedBehind"
  | "reportedNotStarted"
  | "reportedOnTrack"
  | "reportedCompleted"
  | "submittedLate";

export interface LightReason {
  key: ReasonKey;
  values: Record<string, number>;
}

export interface Obligation {
  /** `YYYY-MM-DD`; reports are on time until 23:59:59.999 Shenzhen time that day. */
  deadline: string;
  /** null = nothing saved yet. DRAFT and RETURNED count as not (re)submitted. */
  report: null | { state: ReportState; status: ProgressStatus; submittedAt: Date | null };
}

export const DEFAULT_NEAR_DAYS = 7;

/** Higher is worse, so sorting and `worst` agree. */
export const LIGHT_ORDER: Record<Light, number> = { GREEN: 0, YELLOW: 1, RED: 2 };

const DAY_MS = 24 * 60 * 60 * 1000;

// A typo in a deadline would otherwise compare as NaN and quietly come out green.
function assertDay(day: string): void {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(day) ? shanghaiDayStart(day) : null;
  // The round trip also rejects days like 02-30, which Date would roll into March.
  if (start === null || Number.isNaN(start.getTime()) || shanghaiDate(start) !== day) {
    throw new RangeError(`Invalid deadline day: ${JSON.stringify(day)}`);
  }
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`); exact because Shenzhen has no DST. */
function daysBetween(from: string, to: string): number {
  return Math.round((shanghaiDayStart(to).getTime() - shanghaiDayStart(from).getTime()) / DAY_MS);
}

function result(light: Light, key: ReasonKey, values: Record<string, number> = {}) {
  return { light, reason: { key, values } };
}

export function lightFor(obligation: Obligation, now: Date, nearDays: number): { light: Light; reason: LightReason } {
  const { deadline, report } = obligation;
  assertDay(deadline);

  if (report === null || report.state === "DRAFT" || report.state === "RETURNED") {
    const returned = report?.state === "RETURNED";
    const daysLeft = daysBetween(shanghaiDate(now), deadline);
    if (daysLeft < 0) return result("RED", returned ? "overdueReturned" : "overdueNotSubmitted", { days: -daysLeft });
    // A returned report already needs attention regardless of how far off the deadline is.
    if (returned) return result("YELLOW", "returnedAwaitingResubmission");
    if (daysLeft <= nearDays) return result("YELLOW", "dueSoonNotSubmitted", { days: daysLeft });
    return result("GREEN", "notYetDue");
  }

  switch (report.status) {
    case "BLOCKED":
      return result("RED", "reportedBlocked");
    case "BEHIND":
      return result("YELLOW", "reportedBehind");
    case "NOT_STARTED":
      return result("YELLOW", "reportedNotStarted");
    case "COMPLETED":
      return result("GREEN", "reportedCompleted");
    case "ON_TRACK": {
      // Without a timestamp there is no evidence of lateness, so none is claimed.
      const daysLate = report.submittedAt === null ? 0 : daysBetween(deadline, shanghaiDate(report.submittedAt));
      return daysLate > 0 ? result("GREEN", "submittedLate", { days: daysLate }) : result("GREEN", "reportedOnTrack");
    }
  }
}

export function worst(lights: Light[]): Light {
  return lights.reduce<Light>((acc, light) => (LIGHT_ORDER[light] > LIGHT_ORDER[acc] ? light : acc), "GREEN");
}

export interface LightSummary {
  light: Light;
  counts: Record<Light, number>;
  reasons: { key: ReasonKey; count: number }[];
}

/**
 * Aggregates a unit's, item's or round's obligations. Only reasons behind the aggregate colour
 * are listed, because those are what explain it (e.g. "红灯：2项逾期未报送，1项报告称工作受阻").
 */
export function summarize(results: { light: Light; reason: LightReason }[]): LightSummary {
  const light = worst(results.map((r) => r.light));
  const counts: Record<Light, number> = { RED: 0, YELLOW: 0, GREEN: 0 };
  const byKey = new Map<ReasonKey, number>();
  for (const r of results) {
    counts[r.light] += 1;
    if (r.light === light) byKey.set(r.reason.key, (byKey.get(r.reason.key) ?? 0) + 1);
  }
  const reasons = [...byKey].map(([key, count]) => ({ key, count }));
  // Ties broken by key so the output never depends on input order.
  reasons.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { light, counts, reasons };
}

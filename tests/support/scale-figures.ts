/**
 * What tests/support/scale-data.ts built, and the markers on its report texts. Kept apart from the
 * builder (no database code) so the end-to-end spec can import it.
 */
export const SCALE = { workItems: 1500, rounds: 20, auditRows: 200_000 } as const;

export type ScaleState = "OWED" | "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";
export const SCALE_STATES: readonly ScaleState[] = ["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"];

/** The marker on every report text of a unit: approved or not. */
export function markerFor(unitId: number, approved: boolean): string {
  return `〔${approved ? "已审定" : "未审定"}U${unitId}〕`;
}
/** Finds every marker in a text: group 1 已审定/未审定, group 2 the unit id. */
export const MARKER_PATTERN = /〔(已审定|未审定)U(\d+)〕/g;
/** The title prefix of every synthetic work item. */
export const SCALE_ITEM_PREFIX = "规模测试事项";

export interface ScaleRound {
  id: number;
  name: string;
  status: "OPEN" | "CLOSED";
  reports: number;
  byState: Record<ScaleState, number>;
}

export interface ScaleFigures {
  planCode: string;
  workItems: number;
  firstWorkItemId: number;
  assignments: number;
  /** Items each active unit leads or supports, by unit id. */
  assignmentsByUnit: Record<number, number>;
  units: { id: number; name: string }[];
  rounds: ScaleRound[];
  openRoundId: number;
  reports: number;
  byState: Record<ScaleState, number>;
  /** Per unit id: reports in the open round by state. */
  openRoundByUnit: Record<number, Record<ScaleState, number>>;
  /** Per unit id: all reports by state. */
  reportsByUnit: Record<number, Record<ScaleState, number>>;
  /** SUBMITTED reports over all rounds: the review queue's length. */
  reviewQueue: number;
  outputs: number;
  events: number;
  chases: number;
  /** Inbox messages per user id. */
  inboxByUser: Record<number, number>;
  /** Audit rows in the table afterwards (the seed's included). */
  auditRows: number;
  /** Audit rows per action (the seed's included). */
  auditByAction: Record<string, number>;
  /** The audit rows of one object that no page of the test touches (an exact count below the pager's cap). */
  auditSample: { objectType: string; objectId: string; count: number };
  /** One report of each unit in the open round (id), for opening report pages. */
  sampleReportByUnit: Record<number, number>;
  /** Every report of the open round. */
  openRoundReports: { id: number; itemId: number; unitId: number; role: "LEAD" | "SUPPORT"; state: ScaleState }[];
  /** Rows of the 工作分工表 (one per assigned, unarchived item of a non-district plan), in all and per unit id. */
  divisionRows: number;
  divisionRowsByUnit: Record<number, number>;
  /** The demo accounts: user id and unit id by username. */
  users: Record<string, { id: number; unitId: number | null }>;
}

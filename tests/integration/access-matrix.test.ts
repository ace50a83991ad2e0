/**
 * Every data-layer entry point, server action and route handler, called as every role,
 * as a user who must still change their password, and as nobody. Each call must be
 * allowed or denied exactly as lib/auth/permissions.ts says; a denied call must change
 * no business data and leave exactly one DENIED record in the audit trail.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { can, ROLES, type Permission } from "@/lib/core/permissions";
import { changeOwnPassword } from "@/lib/accounts/server/account";
import { exportAuditCsv, listAuditActions, searchAuditEvents, verifyAuditTrail } from "@/lib/audit/server/log";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { getActor } from "@/lib/core/session";
import { getDivisionTable, getPlanItem, getPlanOverview, getPlanTree, getUnitWork, listPlans, listSections, listUnitsWithWork } from "@/lib/plans/server/plans";
import { listUnitsByType } from "@/lib/plans/server/units";
import { createWorkItem, setWorkItemArchived, updateWorkItem, workItemFormOptions } from "@/lib/plans/server/work-items";
import { downloadAttachment } from "@/lib/reporting/server/attachments";
import { sendChase } from "@/lib/reporting/server/chasing";
import { listInbox, markRead } from "@/lib/reporting/server/inbox";
import { getReport, itemTimeline, myTasks, reviewQueue, reviewReport, saveReport, unitTimeline } from "@/lib/reporting/server/reports";
import { getRoundBoard, listRoundCandidates, listRounds, openRound, setRoundClosed } from "@/lib/reporting/server/rounds";
import { bulletinData } from "@/lib/outputs/server/bulletin-data";
import { getDashboard } from "@/lib/outputs/server/dashboard";
import { indicatorTableRows, progressSummaryRows } from "@/lib/outputs/server/dashboard-exports";
import { createIndicator, getIndicator, listIndicators, setIndicatorValue } from "@/lib/indicators/server";
import {
  createUser,
  getUser,
  listUnitsForAssignment,
  listUsers,
  resetPassword,
  setUserDisabled,
  unlockUser,
  updateUser,
} from "@/lib/accounts/server/users";
import { DEMO_PASSWORD, actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId, workItemInput } from "../support/plan-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const { changePasswordAction } = await import("@/lib/accounts/actions/account");
const { verifyAuditAction } = await import("@/lib/audit/actions");
const { createUserAction, updateUserAction, userCommandAction } = await import("@/lib/accounts/actions/users");
const { archiveWorkItemAction, createWorkItemAction, updateWorkItemAction } = await import("@/lib/plans/actions");
const { reviewReportAction, saveReportAction } = await import("@/lib/reporting/actions/reports");
const { openRoundAction, roundCommandAction } = await import("@/lib/reporting/actions/rounds");
const { chaseAction } = await import("@/lib/reporting/actions/chasing");
const exportRoute = await import("@/app/(portal)/audit/export/route");
const { setIndicatorValueAction } = await import("@/lib/indicators/actions");
const dashboardExportRoute = await import("@/app/(portal)/dashboard/export/route");
const bulletinRoute = await import("@/app/(portal)/dashboard/bulletin/route");
const divisionExportRoute = await import("@/app/(portal)/division/export/route");

type Outcome = "allowed" | "denied";

interface EntryPoint {
  name: string;
  /** Fixture state the call needs, set up before the "changes nothing" snapshot. */
  prepare?: () => Promise<void>;
  /** The action name the audit trail records for a refusal. */
  action: string;
  permission: Permission;
  call: (actor: Actor | null) => Promise<Outcome>;
}

const TARGET = "futian";
/** The round, the 市教育局 report (jyj's unit) and its evidence every reporting case acts on. */
let roundId = 0;
let reportId = 0;
let attachmentId = 0;
/** A round of its own for the close / reopen cases, so the others keep an open round. */
let closingRoundId = 0;

async function closingRoundIs(status: "OPEN" | "CLOSED") {
  await db.reportingRound.update({ where: { id: closingRoundId }, data: { status, closedAt: status === "CLOSED" ? new Date("2025-10-01T00:00:00Z") : null } });
}

async function report() {
  const row = await db.progressReport.findUniqueOrThrow({ where: { id: reportId } });
  return { reportId: row.id, version: row.version };
}

/** Puts the report back in the state a case needs, outside the measured call. */
async function reportInState(state: "DRAFT" | "SUBMITTED") {
  await db.progressReport.update({ where: { id: reportId }, data: { state } });
}

async function literacyId() {
  return (await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } })).id;
}

const draft = { status: "ON_TRACK" as const, completion: 30, workDone: "矩阵测试", problems: "", nextSteps: "", outputs: [] };

/** A work item every plan-editing case acts on; created in beforeAll. */
let workItemId = 0;

async function workItem() {
  const item = await db.planItem.findUniqueOrThrow({ where: { id: workItemId } });
  return { itemId: item.id, version: item.version, archived: item.archivedAt !== null };
}

/** The work item as the edit form would send it, with its current version. */
async function workItemForm(): Promise<Record<string, string | number>> {
  const { itemId, version } = await workItem();
  return {
    itemId,
    version,
    title: `矩阵编辑${++counter}`,
    dueDate: "2025-10-31",
    reportingCycle: "ANNUAL",
    [`unit_${await unitId("市科协")}`]: "LEAD",
  };
}
let counter = 0;

async function target() {
  const user = await db.user.findUniqueOrThrow({ where: { username: TARGET } });
  return { userId: user.id, version: user.version };
}

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

/** Data-layer call: a refusal is an AppError UNAUTHENTICATED / FORBIDDEN / PASSWORD_CHANGE_REQUIRED. */
function data(fn: (actor: Actor | null) => Promise<unknown>) {
  return async (actor: Actor | null): Promise<Outcome> => {
    try {
      await fn(actor);
      return "allowed";
    } catch (error) {
      if (isAppError(error) && ["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED"].includes(error.code)) return "denied";
      throw error;
    }
  };
}

/** Server action call, with the session resolving to `actor`. */
function action(fn: () => Promise<{ ok: boolean; error?: string } | null | undefined>) {
  return async (actor: Actor | null): Promise<Outcome> => {
    vi.mocked(getActor).mockResolvedValue(actor);
    try {
      const state = await fn();
      if (state?.ok) return "allowed";
      if (state && ["UNAUTHENTICATED", "FORBIDDEN", "PASSWORD_CHANGE_REQUIRED"].includes(state.error ?? "")) return "denied";
      throw new Error(`unexpected action result ${JSON.stringify(state)}`);
    } catch (error) {
      // A successful password change redirects home.
      if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return "allowed";
      throw error;
    }
  };
}

const newUsername = () => `matrix${++counter}`;
const newAccount = () => ({ username: newUsername(), displayName: "矩阵测试", role: "LEADER" as const });

/** Change the password and back, so the account stays usable for the next case. */
async function changePasswordRoundTrip(actor: Actor | null) {
  await changeOwnPassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "Matrix#2026x", confirmPassword: "Matrix#2026x" });
  await changeOwnPassword(actor, { currentPassword: "Matrix#2026x", newPassword: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD });
}

const ENTRY_POINTS: EntryPoint[] = [
  { name: "listUnitsByType", action: "unit.list", permission: "unit:read", call: data((a) => listUnitsByType(a)) },
  { name: "listUnitsForAssignment", action: "unit.list", permission: "unit:read", call: data((a) => listUnitsForAssignment(a)) },
  { name: "listUsers", action: "user.list", permission: "user:read", call: data((a) => listUsers(a)) },
  { name: "getUser", action: "user.read", permission: "user:read", call: data(async (a) => getUser(a, (await target()).userId)) },
  { name: "createUser", action: "user.create", permission: "user:manage", call: data((a) => createUser(a, newAccount())) },
  {
    name: "updateUser",
    action: "user.update",
    permission: "user:manage",
    call: data(async (a) => {
      const unit = await db.unit.findUniqueOrThrow({ where: { name: "福田区" } });
      return updateUser(a, { ...(await target()), displayName: `赵联络${++counter}`, role: "LIAISON", unitId: unit.id });
    }),
  },
  { name: "setUserDisabled(true)", action: "user.disable", permission: "user:manage", call: data(async (a) => setUserDisabled(a, await target(), true)) },
  { name: "setUserDisabled(false)", action: "user.enable", permission: "user:manage", call: data(async (a) => setUserDisabled(a, await target(), false)) },
  { name: "resetPassword", action: "user.reset_password", permission: "user:manage", call: data(async (a) => resetPassword(a, await target())) },
  { name: "unlockUser", action: "user.unlock", permission: "user:manage", call: data(async (a) => unlockUser(a, await target())) },
  { name: "changeOwnPassword", action: "account.change_password", permission: "account:self", call: data(changePasswordRoundTrip) },
  { name: "searchAuditEvents", action: "audit.search", permission: "audit:read", call: data((a) => searchAuditEvents(a, { page: 1 })) },
  { name: "listAuditActions", action: "audit.search", permission: "audit:read", call: data((a) => listAuditActions(a)) },
  { name: "verifyAuditTrail", action: "audit.verify", permission: "audit:read", call: data((a) => verifyAuditTrail(a)) },
  { name: "exportAuditCsv", action: "audit.export", permission: "audit:export", call: data((a) => exportAuditCsv(a, { page: 1 })) },
  {
    name: "createUserAction",
    action: "user.create",
    permission: "user:manage",
    call: action(() => createUserAction(null, form(newAccount()))),
  },
  {
    name: "updateUserAction",
    action: "user.update",
    permission: "user:manage",
    call: action(async () => {
      const unit = await db.unit.findUniqueOrThrow({ where: { name: "福田区" } });
      return updateUserAction(null, form({ ...(await target()), displayName: `赵联络${++counter}`, role: "LIAISON", unitId: unit.id }));
    }),
  },
  ...(["disable", "enable", "unlock", "reset"] as const).map((command) => ({
    name: `userCommandAction(${command})`,
    action: { disable: "user.disable", enable: "user.enable", unlock: "user.unlock", reset: "user.reset_password" }[command],
    permission: "user:manage" as const,
    call: action(async () => userCommandAction(null, form({ ...(await target()), command }))),
  })),
  {
    name: "changePasswordAction",
    action: "account.change_password",
    permission: "account:self",
    call: action(async () => {
      // Change away and back through the action, so the next case can sign in as before.
      const away = await changePasswordAction(
        null,
        form({ currentPassword: DEMO_PASSWORD, newPassword: "Matrix#2026x", confirmPassword: "Matrix#2026x" }),
      ).catch((error: { digest?: string }) => {
        if (error.digest?.startsWith("NEXT_REDIRECT")) return { ok: true };
        throw error;
      });
      if (!away.ok) return away;
      return changePasswordAction(null, form({ currentPassword: "Matrix#2026x", newPassword: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD }));
    }),
  },
  { name: "verifyAuditAction", action: "audit.verify", permission: "audit:read", call: action(() => verifyAuditAction(null, form({}))) },
  { name: "listPlans", action: "plan.read", permission: "plan:read", call: data((a) => listPlans(a)) },
  { name: "getPlanOverview", action: "plan.read", permission: "plan:read", call: data((a) => getPlanOverview(a)) },
  { name: "getPlanTree", action: "plan.read", permission: "plan:read", call: data((a) => getPlanTree(a, "sz-2022-2025", { query: "科普" })) },
  { name: "listSections", action: "plan.read", permission: "plan:read", call: data((a) => listSections(a)) },
  { name: "getPlanItem", action: "plan_item.read", permission: "plan:read", call: data(async (a) => getPlanItem(a, (await itemByKey("youth.m1")).id)) },
  { name: "listUnitsWithWork", action: "unit.list", permission: "plan:read", call: data((a) => listUnitsWithWork(a)) },
  { name: "getUnitWork", action: "unit.read", permission: "plan:read", call: data(async (a) => getUnitWork(a, await unitId("市教育局"))) },
  { name: "getDivisionTable", action: "division.read", permission: "plan:read", call: data((a) => getDivisionTable(a, {})) },
  { name: "createWorkItem", action: "plan_item.create", permission: "plan:edit", call: data(async (a) => createWorkItem(a, await workItemInput("youth.m3"))) },
  {
    name: "updateWorkItem",
    action: "plan_item.update",
    permission: "plan:edit",
    call: data(async (a) => {
      const { itemId, version } = await workItem();
      return updateWorkItem(a, { ...(await workItemInput("youth.m3", { title: `矩阵${++counter}` })), itemId, version });
    }),
  },
  {
    name: "setWorkItemArchived(toggle)",
    action: "plan_item.archive",
    permission: "plan:edit",
    call: data(async (a) => {
      const { itemId, version, archived } = await workItem();
      // Archive, then restore, so the item stays in use for the next case.
      await setWorkItemArchived(a, { itemId, version }, !archived);
      return setWorkItemArchived(a, { itemId, version: version + 1 }, archived);
    }),
  },
  { name: "workItemFormOptions", action: "plan_item.form", permission: "plan:edit", call: data(async (a) => workItemFormOptions(a, (await itemByKey("youth.m3")).planId)) },
  {
    name: "createWorkItemAction",
    action: "plan_item.create",
    permission: "plan:edit",
    call: action(async () => {
      const measure = await itemByKey("youth.m3");
      return createWorkItemAction(null, form({ parentId: measure.id, title: `矩阵新建${++counter}`, dueDate: "2025-12-31", reportingCycle: "ANNUAL", [`unit_${await unitId("市教育局")}`]: "LEAD" }));
    }),
  },
  { name: "updateWorkItemAction", action: "plan_item.update", permission: "plan:edit", call: action(async () => updateWorkItemAction(null, form(await workItemForm()))) },
  {
    name: "archiveWorkItemAction(toggle)",
    action: "plan_item.archive",
    permission: "plan:edit",
    call: action(async () => {
      const command = async (name: string) => {
        const { itemId, version } = await workItem();
        return archiveWorkItemAction(null, form({ itemId, version, command: name }));
      };
      const first = await command("archive");
      return first.ok ? command("restore") : first;
    }),
  },
  {
    name: "GET /division/export",
    action: "division.read",
    permission: "plan:read",
    call: async (actor) => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await divisionExportRoute.GET(new Request("http://localhost/division/export?format=csv"));
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  },
  { name: "getReport", action: "report.read", permission: "report:read", call: data(async (a) => getReport(a, reportId)) },
  { name: "saveReport(draft)", action: "report.save", permission: "report:write", prepare: () => reportInState("DRAFT"), call: data(async (a) => saveReport(a, { ...(await report()), intent: "save", submissionKey: "", ...draft })) },
  {
    name: "reviewReport(approve)",
    action: "report.approve",
    permission: "report:review",
    prepare: () => reportInState("SUBMITTED"),
    call: data(async (a) => reviewReport(a, { ...(await report()), decision: "APPROVE", comment: "" })),
  },
  { name: "reviewQueue", action: "report.queue", permission: "report:review", call: data((a) => reviewQueue(a)) },
  { name: "myTasks", action: "report.mine", permission: "report:write", call: data((a) => myTasks(a)) },
  { name: "itemTimeline", action: "report.timeline", permission: "report:read", call: data(async (a) => itemTimeline(a, (await itemByKey("youth")).id)) },
  { name: "unitTimeline", action: "report.timeline", permission: "report:read", call: data(async (a) => unitTimeline(a, await unitId("市教育局"))) },
  { name: "downloadAttachment", action: "report.read", permission: "report:read", call: data((a) => downloadAttachment(a, attachmentId)) },
  { name: "listRounds", action: "round.list", permission: "round:read", call: data((a) => listRounds(a)) },
  { name: "getRoundBoard", action: "round.read", permission: "round:read", call: data((a) => getRoundBoard(a, roundId)) },
  { name: "listRoundCandidates", action: "round.form", permission: "round:manage", call: data((a) => listRoundCandidates(a)) },
  {
    name: "openRound",
    action: "round.open",
    permission: "round:manage",
    call: data(async (a) => openRound(a, { name: `矩阵轮次${++counter}`, period: "2025年第四季度", deadline: "2025-12-31", itemIds: [(await itemByKey("exchange")).id] })),
  },
  {
    name: "setRoundClosed(close)",
    action: "round.close",
    permission: "round:manage",
    prepare: () => closingRoundIs("OPEN"),
    call: data((a) => setRoundClosed(a, { roundId: closingRoundId, command: "close" })),
  },
  {
    name: "setRoundClosed(reopen)",
    action: "round.reopen",
    permission: "round:manage",
    prepare: () => closingRoundIs("CLOSED"),
    call: data((a) => setRoundClosed(a, { roundId: closingRoundId, command: "reopen" })),
  },
  { name: "sendChase(remind)", action: "chase.remind", permission: "chase:send", call: data((a) => sendChase(a, { roundId, level: "REMIND", message: "" })) },
  { name: "listInbox", action: "inbox.read", permission: "account:self", call: data((a) => listInbox(a)) },
  {
    name: "markRead(own message)",
    action: "inbox.mark_read",
    permission: "account:self",
    call: data(async (a) => {
      if (!a) return markRead(a, 1);
      const message = await db.inboxMessage.create({ data: { userId: a.userId, kind: "TEST", title: "矩阵", body: "矩阵" } });
      return markRead(a, message.id);
    }),
  },
  {
    name: "saveReportAction(draft)",
    action: "report.save",
    permission: "report:write",
    prepare: () => reportInState("DRAFT"),
    call: action(async () => saveReportAction(null, form({ ...(await report()), intent: "save", workDone: `矩阵${++counter}` }))),
  },
  {
    name: "reviewReportAction(approve)",
    action: "report.approve",
    permission: "report:review",
    prepare: () => reportInState("SUBMITTED"),
    call: action(async () => reviewReportAction(null, form({ ...(await report()), decision: "APPROVE" }))),
  },
  {
    name: "openRoundAction",
    action: "round.open",
    permission: "round:manage",
    call: action(async () => openRoundAction(null, form({ name: `矩阵轮次${++counter}`, period: "2025年第四季度", deadline: "2025-12-31", itemIds: (await itemByKey("exchange")).id }))),
  },
  {
    name: "roundCommandAction(close)",
    action: "round.close",
    permission: "round:manage",
    prepare: () => closingRoundIs("OPEN"),
    call: action(() => roundCommandAction(null, form({ roundId: closingRoundId, command: "close" }))),
  },
  { name: "chaseAction(remind)", action: "chase.remind", permission: "chase:send", call: action(() => chaseAction(null, form({ roundId, level: "REMIND" }))) },
  { name: "getDashboard", action: "dashboard.read", permission: "dashboard:read", call: data((a) => getDashboard(a, { roundId })) },
  { name: "progressSummaryRows", action: "dashboard.export", permission: "dashboard:read", call: data((a) => progressSummaryRows(a, roundId)) },
  { name: "indicatorTableRows", action: "dashboard.export", permission: "dashboard:read", call: data((a) => indicatorTableRows(a)) },
  { name: "bulletinData", action: "dashboard.read", permission: "dashboard:read", call: data((a) => bulletinData(a, roundId)) },
  { name: "listIndicators", action: "indicator.list", permission: "indicator:read", call: data((a) => listIndicators(a)) },
  { name: "getIndicator", action: "indicator.read", permission: "indicator:read", call: data(async (a) => getIndicator(a, await literacyId())) },
  {
    name: "setIndicatorValue",
    action: "indicator.set_value",
    permission: "indicator:edit",
    call: data(async (a) => {
      const year = 2021 + (++counter % 4);
      const existing = await db.indicatorValue.findFirst({ where: { indicatorId: await literacyId(), year, districtId: null } });
      return setIndicatorValue(a, { indicatorId: await literacyId(), year, value: 22, source: "矩阵", method: "矩阵", version: existing?.version });
    }),
  },
  {
    name: "createIndicator",
    action: "indicator.create_indicator",
    permission: "indicator:edit",
    call: data((a) => createIndicator(a, { code: `matrix-${++counter}`, name: "矩阵指标", unit: "个", direction: "HIGHER_IS_BETTER", baselineSource: "", description: "" })),
  },
  {
    name: "setIndicatorValueAction",
    action: "indicator.set_value",
    permission: "indicator:edit",
    call: action(async () => {
      const year = 2021 + (++counter % 4);
      const existing = await db.indicatorValue.findFirst({ where: { indicatorId: await literacyId(), year, districtId: null } });
      return setIndicatorValueAction(null, form({ indicatorId: await literacyId(), year, value: 23, source: "矩阵", method: "矩阵", ...(existing ? { version: existing.version } : {}) }));
    }),
  },
  ...[
    ["GET /dashboard/export", () => dashboardExportRoute.GET(new Request(`http://localhost/dashboard/export?kind=summary&format=csv&round=${roundId}`))],
    ["GET /dashboard/bulletin", () => bulletinRoute.GET(new Request(`http://localhost/dashboard/bulletin?round=${roundId}`))],
  ].map(([name, request]) => ({
    name: name as string,
    action: name === "GET /dashboard/export" ? "dashboard.export" : "dashboard.read",
    permission: "dashboard:read" as const,
    call: async (actor: Actor | null): Promise<Outcome> => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await (request as () => Promise<Response>)();
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  })),
  {
    name: "GET /audit/export",
    action: "audit.export",
    permission: "audit:export",
    call: async (actor) => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await exportRoute.GET(new Request("http://localhost/audit/export"));
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  },
];

/** Everything a refused call must leave untouched. */
async function businessSnapshot() {
  const [users, sessions, units, items, assignments, revisions, links, reports, events, chases, rounds, attachments] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.session.findMany({ orderBy: { id: "asc" } }),
    db.unit.findMany({ orderBy: { id: "asc" } }),
    db.planItem.findMany({ orderBy: { id: "asc" } }),
    db.assignment.findMany({ orderBy: { id: "asc" } }),
    db.planItemRevision.findMany({ orderBy: { id: "asc" } }),
    db.planItemLink.findMany({ orderBy: { id: "asc" } }),
    db.progressReport.findMany({ orderBy: { id: "asc" }, include: { outputs: true } }),
    db.reportEvent.findMany({ orderBy: { id: "asc" } }),
    db.chase.findMany({ orderBy: { id: "asc" } }),
    db.reportingRound.findMany({ orderBy: { id: "asc" } }),
    db.attachment.findMany({ orderBy: { id: "asc" } }),
  ]);
  const [indicators, indicatorValues] = await Promise.all([db.indicator.findMany({ orderBy: { id: "asc" } }), db.indicatorValue.findMany({ orderBy: { id: "asc" } })]);
  return JSON.stringify({ users, sessions, units, items, assignments, revisions, links, reports, events, chases, rounds, attachments, indicators, indicatorValues });
}

const ACTORS: { label: string; role: string | null; load: () => Promise<Actor | null> }[] = [
  ...ROLES.map((role) => ({ label: role, role, load: () => actorForRole(role) })),
  { label: "anonymous", role: null, load: async () => null },
  {
    label: "ADMIN who must change their password",
    role: "MUST_CHANGE",
    // Its own password-change case clears the flag; every case starts with it set.
    load: async () => {
      await db.user.update({ where: { username: "mustchange" }, data: { mustChangePassword: true } });
      return actorFor("mustchange");
    },
  },
];

function expectedOutcome(role: string | null, permission: Permission): Outcome {
  if (role === null) return "denied";
  if (role === "MUST_CHANGE") return permission === "account:self" ? "allowed" : "denied";
  return can(role, permission) ? "allowed" : "denied";
}

beforeAll(async () => {
  process.env.UPLOAD_DIR = `tmp/vitest/uploads-matrix-${process.pid}`;
  const youth = await itemByKey("youth");
  const opened = await openRound(await actorForRole("ADMIN"), { name: "矩阵测试轮次", period: "2025年第三季度", deadline: "2025-09-30", itemIds: [youth.id] });
  roundId = opened.round.id;
  closingRoundId = (await openRound(await actorForRole("ADMIN"), { name: "矩阵结束测试轮次", period: "2025年第三季度", deadline: "2025-09-30", itemIds: [youth.id] })).round.id;
  reportId = (await db.progressReport.findFirstOrThrow({ where: { roundId, unitId: await unitId("市教育局") } })).id;
  const { addAttachment } = await import("@/lib/reporting/server/attachments");
  attachmentId = (await addAttachment(await actorFor("jyj"), reportId, "证明材料.pdf", new TextEncoder().encode("%PDF-1.4\n%%EOF\n"))).id;
  workItemId = (await createWorkItem(await actorForRole("ADMIN"), await workItemInput("youth.m3", { title: "矩阵测试用工作任务" }))).id;
  await createUser(await actorForRole("USER_ADMIN"), { username: "mustchange", displayName: "待改密", role: "ADMIN" });
  await db.user.update({ where: { username: "mustchange" }, data: { passwordHash: (await db.user.findUniqueOrThrow({ where: { username: "kxadmin" } })).passwordHash } });
});

describe("access matrix", () => {
  for (const subject of ACTORS) {
    describe(`as ${subject.label}`, () => {
      for (const entry of ENTRY_POINTS) {
        const expected = expectedOutcome(subject.role, entry.permission);
        it(`${entry.name} is ${expected}`, async () => {
          const actor = await subject.load();
          await entry.prepare?.();
          const before = await businessSnapshot();
          const auditBefore = await lastAuditId();
          const outcome = await entry.call(actor);
          expect(outcome).toBe(expected);
          if (expected === "denied") {
            expect(await businessSnapshot()).toBe(before);
            const events = await auditSince(auditBefore);
            expect(events).toHaveLength(1);
            expect(events[0]).toMatchObject({
              action: entry.action,
              result: "DENIED",
              actorUsername: actor?.username ?? null,
            });
          }
        });
      }
    });
  }
});

describe("separation of duties in the permission table", () => {
  it("gives no role both account management and the audit trail", () => {
    for (const role of ROLES) expect(can(role, "user:manage") && can(role, "audit:read"), role).toBe(false);
  });

  it("lets the auditor and the account administrator do no plan work", () => {
    for (const role of ["AUDITOR", "USER_ADMIN"] as const) expect(can(role, "plan:read"), role).toBe(false);
  });

  it("gives unknown or missing roles nothing", () => {
    for (const role of ["SUPERUSER", "", undefined, null, 42]) expect(can(role, "account:self")).toBe(false);
  });
});

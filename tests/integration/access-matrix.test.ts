/**
 * Every data-layer entry point, server action and route handler, called as every role,
 * as a user who must still change their password, and as nobody. Each call must be
 * allowed or denied exactly as the literal EXPECTED_TABLE below says — written out from the
 * product's specification, never computed from lib/core/permissions.ts, so a wrong entry in
 * that table fails here. A denied call must change no business data and leave exactly one
 * DENIED record in the audit trail. A liaison's reach beyond their own unit is checked the same
 * way (OWNERSHIP_TABLE), and a scan of lib/ and app/ fails on any exported entry point that has
 * neither a row nor a reason in EXCLUDED.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { can, ROLES, type Role } from "@/lib/core/permissions";
import { changeOwnPassword } from "@/lib/accounts/server/account";
import { exportAuditCsv, listAuditActions, searchAuditEvents, verifyAuditTrail } from "@/lib/audit/server/log";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { getActor } from "@/lib/core/session";
import { feedbackOverview, listModerationQueue, moderateComment } from "@/lib/feedback/server/moderation";
import {
  exportDivisionTable,
  getDivisionTable,
  getDivisionPage,
  getPlanItem,
  getPlanOverview,
  getPlanTree,
  getUnitWork,
  listPlans,
  listSections,
  listUnitsWithWork,
} from "@/lib/plans/server/plans";
import { listUnitsByType } from "@/lib/plans/server/units";
import { getDistrictProgress } from "@/lib/plans/server/districts";
import { createWorkItem, updateWorkItem, workItemFormOptions } from "@/lib/plans/server/work-items";
import { loadWorkItemForm } from "@/lib/plans/server/work-item-form";
import {
  compareItemVersions,
  comparePlanVersions,
  createItem,
  createPlan,
  loadItemForm,
  loadPlanForm,
  moveItem,
  moveTargets,
  planFormOptions,
  publishPlan,
  readPlanVersions,
  setItemArchived,
  updateItem,
  updatePlan,
} from "@/lib/plans/server/authoring";
import {
  applyPlanImport,
  discardPlanImport,
  downloadPlanTemplate,
  downloadPlanWorkbook,
  getPlanImport,
  listImportTargets,
  previewPlanImport,
} from "@/lib/plans/server/plan-import";
import { smallPlan, writeWorkbook } from "../support/plan-workbook";
import { carryOverItems, loadCarryOverForm, makePlanCurrent } from "@/lib/plans/server/periods";
import { addAttachment, deleteAttachment, downloadAttachment } from "@/lib/reporting/server/attachments";
import { storeAttachment } from "@/lib/reporting/server/attachment-store";
import { chaseMissingSupporters, sendChase } from "@/lib/reporting/server/chasing";
import { listInbox, markAllRead, markRead, unreadCount } from "@/lib/reporting/server/inbox";
import { searchReports } from "@/lib/reporting/server/search";
import { roundWorkbook } from "@/lib/reporting/server/ledger-export";
import {
  applyReportImport,
  discardReportImport,
  getReportImport,
  previewReportImport,
  reportImportOptions,
} from "@/lib/reporting/server/ledger-import";
import { buildLedgerWorkbook } from "@/lib/reporting/ledger/workbook";
import { getReport, itemTimeline, myTasks, reviewQueue, reviewReport, saveReport, unitTimeline } from "@/lib/reporting/server/reports";
import { approveReports } from "@/lib/reporting/server/review";
import { getRoundBoard, listRoundCandidates, listRounds, openRound, setRoundClosed } from "@/lib/reporting/server/rounds";
import { bulletinData } from "@/lib/outputs/server/bulletin-data";
import { getDashboard, getDashboardForPage } from "@/lib/outputs/server/dashboard";
import { indicatorTableRows, progressSummaryRows } from "@/lib/outputs/server/dashboard-exports";
import {
  createComposite,
  createIndicator,
  getIndicator,
  listIndicators,
  loadCompositeForm,
  loadIndicatorForm,
  setIndicatorValue,
  updateComposite,
  updateIndicator,
} from "@/lib/indicators/server";
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
import {
  approvePrivilegedRequest,
  cancelPrivilegedRequest,
  collectTemporaryPassword,
  listAccountRequests,
  listPrivilegedRequests,
  refusePrivilegedRequest,
} from "@/lib/accounts/server/requests";
import { DEMO_PASSWORD, actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId, workItemInput } from "../support/plan-fixtures";
import { createUnit, getUnitRegistryEntry, listUnitRegistry, mergeUnit, renameUnit, setUnitActive } from "@/lib/units/server";
import { shanghaiDate } from "@/lib/core/time";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const { changePasswordAction } = await import("@/lib/accounts/actions/account");
const { verifyAuditAction } = await import("@/lib/audit/actions");
const { createUserAction, updateUserAction, userCommandAction } = await import("@/lib/accounts/actions/users");
const { cancelRequestAction, collectPasswordAction, decideRequestAction } = await import("@/lib/accounts/actions/requests");
const { createWorkItemAction, updateWorkItemAction } = await import("@/lib/plans/actions/work-items");
const { createPlanAction, publishPlanAction, updatePlanAction } = await import("@/lib/plans/actions/plans");
const { archiveItemAction, createItemAction, moveItemAction, updateItemAction } = await import("@/lib/plans/actions/items");
const { reviewReportAction, saveReportAction } = await import("@/lib/reporting/actions/reports");
const { approveReportsAction } = await import("@/lib/reporting/actions/review");
const { carryOverAction, makePlanCurrentAction } = await import("@/lib/plans/actions/periods");
const { openRoundAction, roundCommandAction } = await import("@/lib/reporting/actions/rounds");
const { chaseAction, chaseSupportersAction } = await import("@/lib/reporting/actions/chasing");
const { removeAttachmentAction, uploadAttachmentAction } = await import("@/lib/reporting/actions/attachments");
const { markAllReadAction, markReadAction } = await import("@/lib/reporting/actions/inbox");
const attachmentPreviewRoute = await import("@/app/(portal)/attachments/[id]/preview/route");
const attachmentRoute = await import("@/app/(portal)/attachments/[id]/route");
const exportRoute = await import("@/app/(portal)/audit/export/route");
const { createIndicatorAction, setIndicatorValueAction, updateIndicatorAction, createCompositeAction, updateCompositeAction } =
  await import("@/lib/indicators/actions");
const dashboardExportRoute = await import("@/app/(portal)/dashboard/export/route");
const bulletinRoute = await import("@/app/(portal)/dashboard/bulletin/route");
const evaluationWordRoute = await import("@/app/(portal)/evaluations/[id]/word/route");
const evaluationExcelRoute = await import("@/app/(portal)/evaluations/[id]/excel/route");
const { finaliseEvaluationAction, openEvaluationAction, refreshFiguresAction, saveConclusionsAction } =
  await import("@/lib/evaluation/actions");
const { evaluationForExport, finaliseEvaluation, getEvaluation, listEvaluations, openEvaluation, refreshFigures, saveConclusions } =
  await import("@/lib/evaluation/server/evaluations");
const { evaluationExcel, evaluationWord } = await import("@/lib/evaluation/server/exports");
const { assembleEvaluation } = await import("@/lib/evaluation/server/assemble");
const divisionExportRoute = await import("@/app/(portal)/division/export/route");
const { applyPlanImportAction, discardPlanImportAction, previewPlanImportAction } = await import("@/lib/plans/actions/import");
const planTemplateRoute = await import("@/app/(portal)/plans/import/template/route");
const roundWorkbookRoute = await import("@/app/(portal)/rounds/[id]/workbook/route");
const { applyReportImportAction, discardReportImportAction, previewReportImportAction } = await import("@/lib/reporting/actions/ledger");
const { createUnitAction, mergeUnitAction, renameUnitAction, unitCommandAction } = await import("@/lib/units/actions");
const { moderateCommentAction } = await import("@/lib/feedback/actions");
const { computeAssessmentAction, createAssessmentAction, finaliseAssessmentAction, updateAssessmentRulesAction } =
  await import("@/lib/assessment/actions");
const assessmentExportRoute = await import("@/app/(portal)/assessments/[year]/export/route");
const {
  assessmentExportRows,
  computeAssessment,
  createAssessmentYear,
  finaliseAssessment,
  getAssessmentScore,
  getAssessmentYear,
  listAssessmentYears,
  updateAssessmentRules,
} = await import("@/lib/assessment/server/assessments");

/**
 * Who may call what: the expected outcome of every entry point below, written out by hand
 * from the product's specification — the permission table in README.md ("Accounts, roles and
 * access control") and the descriptions in lib/core/permissions.ts. It is deliberately NOT
 * computed from `can` / ROLE_PERMISSIONS: those are what this test checks.
 *
 * ✓ allowed, – refused. "must change pw" is an ADMIN whose password is still temporary: only
 * their own account (password change, inbox) is open until they change it. Nobody signed in
 * is refused everything. The "spec" column names the README row a line follows, for the
 * reader; rows citing the same row must agree (checked below).
 */
const EXPECTED_TABLE = `
| entry point                   | spec           | ADMIN | LIAISON | LEADER | AUDITOR | USER_ADMIN | must change pw |
| ----------------------------- | -------------- | :---: | :-----: | :----: | :-----: | :--------: | :------------: |
| changeOwnPassword             | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| changePasswordAction          | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| listInbox                     | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| markRead(own message)         | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| markReadAction(own message)   | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| markAllRead                   | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| markAllReadAction             | account:self   |   ✓   |    ✓    |   ✓    |    ✓    |     ✓      |       ✓        |
| listUnitsByType               | unit:read      |   ✓   |    ✓    |   ✓    |    –    |     ✓      |       –        |
| listUnitsForAssignment        | unit:read      |   ✓   |    ✓    |   ✓    |    –    |     ✓      |       –        |
| listUsers                     | user:read      |   –   |    –    |   –    |    –    |     ✓      |       –        |
| getUser                       | user:read      |   –   |    –    |   –    |    –    |     ✓      |       –        |
| createUser                    | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| updateUser                    | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| setUserDisabled(true)         | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| setUserDisabled(false)        | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| resetPassword                 | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| unlockUser                    | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| createUserAction              | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| updateUserAction              | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| userCommandAction(disable)    | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| userCommandAction(enable)     | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| userCommandAction(unlock)     | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| userCommandAction(reset)      | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| listAccountRequests           | user:read      |   –   |    –    |   –    |    –    |     ✓      |       –        |
| cancelPrivilegedRequest       | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| cancelRequestAction           | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| collectTemporaryPassword      | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| collectPasswordAction         | user:manage    |   –   |    –    |   –    |    –    |     ✓      |       –        |
| listPrivilegedRequests        | account:approve |   –   |    –    |   –    |    ✓    |     –      |       –        |
| approvePrivilegedRequest      | account:approve |   –   |    –    |   –    |    ✓    |     –      |       –        |
| refusePrivilegedRequest       | account:approve |   –   |    –    |   –    |    ✓    |     –      |       –        |
| decideRequestAction(approve)  | account:approve |   –   |    –    |   –    |    ✓    |     –      |       –        |
| decideRequestAction(refuse)   | account:approve |   –   |    –    |   –    |    ✓    |     –      |       –        |
| searchAuditEvents             | audit:read     |   –   |    –    |   –    |    ✓    |     –      |       –        |
| listAuditActions              | audit:read     |   –   |    –    |   –    |    ✓    |     –      |       –        |
| verifyAuditTrail              | audit:read     |   –   |    –    |   –    |    ✓    |     –      |       –        |
| verifyAuditAction             | audit:read     |   –   |    –    |   –    |    ✓    |     –      |       –        |
| exportAuditCsv                | audit:export   |   –   |    –    |   –    |    ✓    |     –      |       –        |
| GET /audit/export             | audit:export   |   –   |    –    |   –    |    ✓    |     –      |       –        |
| listPlans                     | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getPlanOverview               | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getPlanTree                   | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| listSections                  | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getPlanItem                   | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| listUnitsWithWork             | unit:read      |   ✓   |    ✓    |   ✓    |    –    |     ✓      |       –        |
| getUnitWork                   | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getDivisionTable              | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getDivisionPage               | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getDistrictProgress           | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| exportDivisionTable           | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| GET /division/export          | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| createWorkItem                | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateWorkItem                | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| workItemFormOptions           | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| loadWorkItemForm              | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createWorkItemAction          | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateWorkItemAction          | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| planFormOptions               | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createPlan                    | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createPlanAction              | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| loadPlanForm                  | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updatePlan                    | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updatePlanAction              | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| publishPlan                   | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| publishPlanAction             | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| loadItemForm                  | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createItem                    | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createItemAction              | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateItem                    | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateItemAction              | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moveTargets                   | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moveItem(toggle)              | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moveItemAction(toggle)        | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| setItemArchived(toggle)       | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| archiveItemAction(toggle)     | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| readPlanVersions              | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| comparePlanVersions           | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| compareItemVersions           | plan:read      |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| makePlanCurrent               | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| makePlanCurrentAction         | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| loadCarryOverForm             | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| carryOverItems                | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| carryOverAction               | plan:edit      |   ✓   |    –    |   –    |    –    |     –      |       –        |
| getReport                     | report:read    |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| itemTimeline                  | report:read    |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| unitTimeline                  | report:read    |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| downloadAttachment            | report:read    |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| GET /attachments/[id]         | report:read    |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| GET /attachments/[id]/preview | report:read    |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| searchReports                 | report:search  |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| saveReport(draft)             | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| saveReportAction(draft)       | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| myTasks                       | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| roundWorkbook(市教育局)        | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| GET /rounds/[id]/workbook     | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| reportImportOptions           | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| previewReportImport           | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| previewReportImportAction     | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| getReportImport               | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| applyReportImport             | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| applyReportImportAction       | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| discardReportImport           | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| discardReportImportAction     | report:on_behalf |   ✓   |    ✓    |   –    |    –    |     –      |       –        |
| addAttachment                 | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| deleteAttachment              | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| uploadAttachmentAction        | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| removeAttachmentAction        | report:write   |   –   |    ✓    |   –    |    –    |     –      |       –        |
| reviewReport(approve)         | report:review  |   ✓   |    –    |   –    |    –    |     –      |       –        |
| reviewReportAction(approve)   | report:review  |   ✓   |    –    |   –    |    –    |     –      |       –        |
| approveReports                | report:review  |   ✓   |    –    |   –    |    –    |     –      |       –        |
| approveReportsAction          | report:review  |   ✓   |    –    |   –    |    –    |     –      |       –        |
| reviewQueue                   | report:review  |   ✓   |    –    |   –    |    –    |     –      |       –        |
| listRounds                    | round:read     |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| getRoundBoard                 | round:read     |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| listRoundCandidates           | round:manage   |   ✓   |    –    |   –    |    –    |     –      |       –        |
| openRound                     | round:manage   |   ✓   |    –    |   –    |    –    |     –      |       –        |
| openRoundAction               | round:manage   |   ✓   |    –    |   –    |    –    |     –      |       –        |
| setRoundClosed(close)         | round:manage   |   ✓   |    –    |   –    |    –    |     –      |       –        |
| setRoundClosed(reopen)        | round:manage   |   ✓   |    –    |   –    |    –    |     –      |       –        |
| roundCommandAction(close)     | round:manage   |   ✓   |    –    |   –    |    –    |     –      |       –        |
| sendChase(remind)             | chase:send     |   ✓   |    –    |   –    |    –    |     –      |       –        |
| chaseAction(remind)           | chase:send     |   ✓   |    –    |   –    |    –    |     –      |       –        |
| chaseMissingSupporters        | chase:send     |   ✓   |    –    |   –    |    –    |     –      |       –        |
| chaseSupportersAction         | chase:send     |   ✓   |    –    |   –    |    –    |     –      |       –        |
| getDashboard                  | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| getDashboardForPage           | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| progressSummaryRows           | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| indicatorTableRows            | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| bulletinData                  | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| GET /dashboard/export         | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| GET /dashboard/bulletin       | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| listEvaluations               | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| getEvaluation                 | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| evaluationForExport           | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| evaluationWord                | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| evaluationExcel               | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| GET /evaluations/[id]/word    | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| GET /evaluations/[id]/excel   | evaluation:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| openEvaluation                | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| openEvaluationAction          | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| saveConclusions               | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| saveConclusionsAction         | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| refreshFigures                | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| refreshFiguresAction          | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| finaliseEvaluation            | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| finaliseEvaluationAction      | evaluation:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| listIndicators                | indicator:read |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getIndicator                  | indicator:read |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| setIndicatorValue             | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| setIndicatorValueAction       | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createIndicator               | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createIndicatorAction         | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| loadIndicatorForm             | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateIndicator               | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateIndicatorAction         | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createComposite               | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createCompositeAction         | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| loadCompositeForm             | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateComposite               | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateCompositeAction         | indicator:edit |   ✓   |    –    |   –    |    –    |     –      |       –        |
| downloadPlanTemplate          | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| downloadPlanWorkbook          | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| GET /plans/import/template    | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| listImportTargets             | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| previewPlanImport             | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| previewPlanImportAction       | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| getPlanImport                 | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| applyPlanImport               | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| applyPlanImportAction         | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| discardPlanImport             | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| discardPlanImportAction       | plan:import    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| listUnitRegistry              | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| getUnitRegistryEntry          | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createUnit                    | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| renameUnit                    | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| mergeUnit                     | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| setUnitActive(toggle)         | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createUnitAction              | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| renameUnitAction              | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| mergeUnitAction               | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| unitCommandAction(toggle)     | unit:manage    |   ✓   |    –    |   –    |    –    |     –      |       –        |
| listModerationQueue           | feedback:moderate |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moderateComment(approve)      | feedback:moderate |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moderateComment(reject)       | feedback:moderate |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moderateCommentAction(approve) | feedback:moderate |   ✓   |    –    |   –    |    –    |     –      |       –        |
| moderateCommentAction(reject) | feedback:moderate |   ✓   |    –    |   –    |    –    |     –      |       –        |
| feedbackOverview              | dashboard:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| listAssessmentYears           | assessment:read/unit |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getAssessmentYear             | assessment:read/unit |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| getAssessmentScore(市教育局)   | assessment:read/unit |   ✓   |    ✓    |   ✓    |    –    |     –      |       –        |
| assessmentExportRows          | assessment:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| GET /assessments/[year]/export | assessment:read |   ✓   |    –    |   ✓    |    –    |     –      |       –        |
| createAssessmentYear          | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| createAssessmentAction        | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateAssessmentRules         | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| updateAssessmentRulesAction   | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| computeAssessment             | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| computeAssessmentAction       | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| finaliseAssessment            | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
| finaliseAssessmentAction      | assessment:manage |   ✓   |    –    |   –    |    –    |     –      |       –        |
`;

/** The columns of EXPECTED_TABLE after "spec": the five roles, then the must-change-password ADMIN. */
const COLUMNS = [...ROLES, "MUST_CHANGE"] as const;
type Column = (typeof COLUMNS)[number];

interface ExpectedRow {
  name: string;
  spec: string;
  allowed: ReadonlySet<Column>;
}

/** Reads EXPECTED_TABLE strictly: the header must name the columns in order, every cell is ✓ or –. */
function parseExpected(table: string): ExpectedRow[] {
  const lines = table
    .trim()
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => cell.trim()),
    );
  const [header = [], rule = [], ...rows] = lines;
  const headings = ["entry point", "spec", ...ROLES, "must change pw"];
  if (JSON.stringify(header) !== JSON.stringify(headings))
    throw new Error(`EXPECTED_TABLE header is ${JSON.stringify(header)}, not ${JSON.stringify(headings)}`);
  if (!rule.every((cell) => /^:?-+:?$/.test(cell))) throw new Error("EXPECTED_TABLE: second line must be the |---| rule");
  return rows.map((cells) => {
    const [name = "", spec = "", ...marks] = cells;
    if (!name || marks.length !== COLUMNS.length || marks.some((mark) => mark !== "✓" && mark !== "–"))
      throw new Error(`EXPECTED_TABLE row ${JSON.stringify(cells)}`);
    return { name, spec, allowed: new Set(COLUMNS.filter((_, index) => marks[index] === "✓")) };
  });
}

const EXPECTED_ROWS = parseExpected(EXPECTED_TABLE);
const EXPECTED = new Map(EXPECTED_ROWS.map((row) => [row.name, row.allowed]));

type Outcome = "allowed" | "denied";

interface EntryPoint {
  name: string;
  /** Fixture state the call needs, set up before the "changes nothing" snapshot. */
  prepare?: () => Promise<void>;
  /** The action name the audit trail records for a refusal. */
  action: string;
  call: (actor: Actor | null) => Promise<Outcome>;
}

const TARGET = "futian";
/** The round, the 市教育局 report (jyj's unit) and its evidence every reporting case acts on. */
let roundId = 0;
let reportId = 0;
let attachmentId = 0;
/** Evidence on the same report for the removal cases: an allowed removal uses it up, the next case gets another. */
let doomedAttachmentId = 0;
const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
/** A round of its own for the close / reopen cases, so the others keep an open round. */
let closingRoundId = 0;

async function closingRoundIs(status: "OPEN" | "CLOSED") {
  await db.reportingRound.update({
    where: { id: closingRoundId },
    data: { status, closedAt: status === "CLOSED" ? new Date("2025-10-01T00:00:00Z") : null },
  });
}

async function report() {
  const row = await db.progressReport.findUniqueOrThrow({ where: { id: reportId } });
  return { reportId: row.id, version: row.version };
}

/** Puts the report back in the state a case needs, outside the measured call. */
async function reportInState(state: "DRAFT" | "SUBMITTED") {
  await db.progressReport.update({ where: { id: reportId }, data: { state } });
}

/** Evidence on the report, as jyj's upload would leave it, written directly: fixtures never depend on the checks under test. */
async function attachmentOnReport(fileName: string) {
  const uploader = await db.user.findUniqueOrThrow({ where: { username: "jyj" } });
  const attachment = await db.attachment.create({
    data: { reportId, storageKey: await storeAttachment(PDF), fileName, fileType: "pdf", size: PDF.byteLength, uploadedById: uploader.id },
  });
  return attachment.id;
}

/** The report open for changes, with an attachment on it that a removal case may delete. */
async function doomedAttachment() {
  await reportInState("DRAFT");
  if (await db.attachment.findUnique({ where: { id: doomedAttachmentId } })) return;
  doomedAttachmentId = await attachmentOnReport("待删除.pdf");
}

/** The upload form: the report and a PDF. */
function uploadForm(): FormData {
  const data = form({ reportId });
  data.set("file", new File([PDF], `矩阵${++counter}.pdf`, { type: "application/pdf" }));
  return data;
}

/** A message in `owner`'s inbox, unread, for the mark-as-read cases. */
async function unreadMessageOf(owner: Actor) {
  return (await db.inboxMessage.create({ data: { userId: owner.userId, kind: "TEST", title: "矩阵", body: "矩阵" } })).id;
}

/** A route handler's answer: 200 is allowed, 401 / 403 refused, anything else a failure. */
async function routeOutcome(actor: Actor | null, request: () => Promise<Response>): Promise<Outcome> {
  vi.mocked(getActor).mockResolvedValue(actor);
  const response = await request();
  if (response.status === 200) return "allowed";
  if (response.status === 401 || response.status === 403) return "denied";
  throw new Error(`unexpected status ${response.status}`);
}

async function literacyId() {
  return (await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } })).id;
}

/** An indicator of CAST's own for the edit cases, created directly (fixtures never depend on the checks under test). */
async function matrixIndicator() {
  const existing = await db.indicator.findUnique({ where: { code: "matrix-edit" } });
  return (
    existing ?? db.indicator.create({ data: { code: "matrix-edit", name: "矩阵编辑指标", unit: "个", direction: "HIGHER_IS_BETTER" } })
  );
}

/** A composite over the literacy rate and the matrix indicator, created directly. */
async function matrixComposite() {
  const existing = await db.indicator.findUnique({ where: { code: "matrix-composite" } });
  if (existing) return existing;
  const parts = [await literacyId(), (await matrixIndicator()).id];
  return db.indicator.create({
    data: {
      code: "matrix-composite",
      name: "矩阵综合指标",
      unit: "分",
      direction: "HIGHER_IS_BETTER",
      kind: "COMPOSITE",
      components: { create: parts.map((componentId, position) => ({ componentId, weight: 1, reference: 100, position })) },
    },
  });
}

/** A composite definition over the literacy rate and the matrix indicator. */
async function compositeDefinition() {
  const parts = [await literacyId(), (await matrixIndicator()).id];
  return {
    name: `矩阵综合指标${++counter}`,
    unit: "分",
    description: "矩阵测试",
    components: parts.map((componentId) => ({
      componentId,
      weight: 1,
      normalisation: "RATIO" as const,
      reference: 100,
      referenceMax: undefined,
      direction: "HIGHER_IS_BETTER" as const,
    })),
  };
}

/** The same definition as the composite form posts it. */
async function compositeFields() {
  const { components, ...rest } = await compositeDefinition();
  const fields: Record<string, string | number> = { ...rest };
  components.forEach((component, index) => {
    fields[`component_indicator_${index}`] = component.componentId;
    fields[`component_weight_${index}`] = component.weight;
    fields[`component_reference_${index}`] = component.reference;
  });
  return fields;
}

const indicatorEdit = () => ({
  name: `矩阵编辑指标${++counter}`,
  unit: "个",
  direction: "HIGHER_IS_BETTER" as const,
  baselineSource: "",
  description: "",
  targets: [],
  confirmPlanChange: false,
});

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

/** The registry unit the unit-registry cases act on, created directly (fixtures never depend on the checks under test). */
let registryUnitId = 0;
async function registryUnit() {
  const existing = registryUnitId ? await db.unit.findUnique({ where: { id: registryUnitId } }) : null;
  if (existing) return existing;
  const unit = await db.unit.create({ data: { name: "矩阵名录单位", fullName: "矩阵名录单位全称", type: "GOVERNMENT_DEPARTMENT" } });
  await db.unitName.create({ data: { unitId: unit.id, name: unit.name, fullName: unit.fullName } });
  registryUnitId = unit.id;
  return unit;
}
/** A unit of its own for each merge case: an allowed merge uses it up. */
let mergingUnitId = 0;
async function unitToMerge() {
  await registryUnit();
  const unit = await db.unit.create({
    data: { name: `矩阵待合并${++counter}`, fullName: "矩阵待合并单位", type: "GOVERNMENT_DEPARTMENT" },
  });
  mergingUnitId = unit.id;
}
async function renameInput() {
  const unit = await registryUnit();
  const name = `矩阵名录单位${++counter}`;
  return { unitId: unit.id, version: unit.version, name, fullName: `${name}全称`, effectiveDate: shanghaiDate(new Date()) };
}

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

/**
 * The privileged request the approval, refusal, withdrawal and collection cases act on: useradmin's
 * request for a new ADMIN account, fresh for each case (pending, or approved with the account
 * created), written directly (fixtures never depend on the checks under test).
 */
let privilegedRequestId = 0;
async function privilegedRequest(status: "PENDING" | "APPROVED") {
  const requester = await db.user.findUniqueOrThrow({ where: { username: "useradmin" } });
  const username = `matrixpriv${++counter}`;
  const target =
    status === "APPROVED"
      ? await db.user.create({
          data: { username, displayName: "矩阵特权", role: "ADMIN", passwordHash: "unusable", mustChangePassword: true },
        })
      : null;
  privilegedRequestId = (
    await db.privilegedRequest.create({
      data: {
        kind: "CREATE_ACCOUNT",
        targetUserId: target?.id ?? null,
        payload: JSON.stringify({ username, displayName: "矩阵特权", role: "ADMIN", unitId: null }),
        requestedById: requester.id,
        status,
        decidedAt: status === "APPROVED" ? new Date() : null,
      },
    })
  ).id;
}
async function requestRef() {
  const request = await db.privilegedRequest.findUniqueOrThrow({ where: { id: privilegedRequestId } });
  return { requestId: request.id, version: request.version };
}
const pendingRequest = () => privilegedRequest("PENDING");
const approvedRequest = () => privilegedRequest("APPROVED");

/** Change the password and back, so the account stays usable for the next case. */
async function changePasswordRoundTrip(actor: Actor | null) {
  await changeOwnPassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "Matrix#2026x", confirmPassword: "Matrix#2026x" });
  await changeOwnPassword(actor, { currentPassword: "Matrix#2026x", newPassword: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD });
}

/**
 * Periods: a second published master plan to make current (the call puts the 2022–2025 plan back
 * at once, directly, so every later case still finds it current and editable), and a work item of
 * an ended plan to carry over into the current one (a fresh one for each case, made in `prepare`).
 */
async function matrixNextPlan() {
  return (
    (await db.plan.findUnique({ where: { code: "matrix-next" } })) ??
    db.plan.create({
      data: {
        code: "matrix-next",
        kind: "MASTER",
        title: "示例数据：矩阵下一期",
        shortTitle: "示例数据：矩阵下一期",
        issuer: "示例",
        startYear: 2026,
        endYear: 2030,
        status: "PUBLISHED",
        isDemo: true,
      },
    })
  );
}

/** Puts the 2022–2025 plan back as the current one, touching only rows that changed (a refusal changes none). */
async function restoreCurrentPlan(ended: string[]) {
  await db.plan.updateMany({ where: { code: { in: ended }, status: { not: "PUBLISHED" } }, data: { status: "PUBLISHED" } });
  await db.plan.updateMany({ where: { kind: "MASTER", isCurrent: true, code: { not: "sz-2022-2025" } }, data: { isCurrent: false } });
  await db.plan.updateMany({
    where: { code: "sz-2022-2025", OR: [{ isCurrent: false }, { status: { not: "PUBLISHED" } }] },
    data: { isCurrent: true, status: "PUBLISHED" },
  });
}

let carryOriginId = 0;

async function carryOrigin() {
  const ended =
    (await db.plan.findUnique({ where: { code: "matrix-ended" } })) ??
    (await db.plan.create({
      data: {
        code: "matrix-ended",
        kind: "ANNUAL",
        title: "示例数据：矩阵已结束",
        shortTitle: "示例数据：矩阵已结束",
        issuer: "示例",
        startYear: 2021,
        endYear: 2021,
        status: "ENDED",
        isDemo: true,
      },
    }));
  const carried = await db.planItemLink.findFirst({ where: { toItemId: carryOriginId, type: "CARRIED_OVER" } });
  if (carryOriginId && !carried) return;
  carryOriginId = (
    await db.planItem.create({
      data: { planId: ended.id, kind: "WORK_ITEM", position: 1, title: `矩阵结转${++counter}`, reportingCycle: "ANNUAL" },
    })
  ).id;
}

/**
 * Authoring: a draft annual plan of CAST's with two sections, written directly (fixtures never
 * depend on the checks under test). The department liaison (jyj) holds plan:district but is no
 * district's: every authoring write is refused to them by the data layer, audited once.
 */
async function authoringPlan() {
  const existing = await db.plan.findUnique({ where: { code: "matrix-authoring" }, include: { items: { orderBy: { id: "asc" } } } });
  if (existing) return existing;
  const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
  return db.plan.create({
    data: {
      code: "matrix-authoring",
      kind: "ANNUAL",
      title: "矩阵测试规划（示例数据）",
      shortTitle: "矩阵规划",
      issuer: "深圳市科学技术协会",
      startYear: 2025,
      endYear: 2025,
      parentPlanId: master.id,
      status: "DRAFT",
      items: {
        create: [
          { kind: "SECTION", position: 1, title: "矩阵条目甲" },
          { kind: "SECTION", position: 2, title: "矩阵条目乙" },
        ],
      },
    },
    include: { items: { orderBy: { id: "asc" } } },
  });
}

async function authoringItem() {
  const plan = await authoringPlan();
  return db.planItem.findUniqueOrThrow({ where: { id: plan.items[0]!.id } });
}

const planParticulars = () => ({
  title: `矩阵规划${++counter}`,
  shortTitle: "矩阵规划",
  issuer: "深圳市科学技术协会",
  startYear: 2025,
  endYear: 2025,
  preamble: "",
});

async function newPlanInput() {
  const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
  return { kind: "ANNUAL" as const, code: `matrix-new-${++counter}`, parentPlanId: master.id, ...planParticulars() };
}

/** 公众评价: a pending visitor comment on a section of the current master plan, fresh for each case (a decision uses it up). */
let feedbackCommentId = 0;
async function pendingFeedbackComment() {
  const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
  const section = await db.planItem.findFirstOrThrow({ where: { planId: master.id, kind: "SECTION" }, select: { id: true } });
  feedbackCommentId = (await db.publicComment.create({ data: { planItemId: section.id, text: `矩阵留言${++counter}` } })).id;
}

/**
 * 年度考核 fixtures, written directly: a draft year the reads, rule edits and computing act on
 * (MATRIX_ASSESSMENT), a draft year each finalise case freezes (reset to DRAFT before each case),
 * and years each create case makes (removed before each case).
 */
const MATRIX_ASSESSMENT = 2033;
const MATRIX_FINALISE = 2034;
const MATRIX_RULES = JSON.stringify({ weights: { onTime: 40, noReturn: 30, completion: 20, chases: 10 }, chasePenalty: 2 });
async function matrixAssessment(year = MATRIX_ASSESSMENT) {
  return db.assessmentYear.upsert({
    where: { year },
    create: { year, rules: MATRIX_RULES },
    update: { status: "DRAFT", finalisedAt: null, finalisedById: null, finalisedByName: null },
  });
}
async function noAssessment(year: number) {
  const existing = await db.assessmentYear.findUnique({ where: { year } });
  if (!existing) return;
  await db.assessmentScore.deleteMany({ where: { assessmentYearId: existing.id } });
  await db.assessmentYear.delete({ where: { id: existing.id } });
}
const matrixWeights = async (year: number) => ({
  year,
  version: (await matrixAssessment(year)).version,
  onTime: 40,
  noReturn: 30,
  completion: 20,
  chases: 10,
  chasePenalty: 2,
});

/**
 * 总结评估 fixtures, written directly: one draft evaluation of the master plan (its figures assembled
 * once) that every read and write acts on, reset to a DRAFT at version 1 before each case.
 */
let matrixEvaluationFigures: string | null = null;
async function matrixEvaluation(): Promise<number> {
  const plan = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" }, select: { id: true } });
  matrixEvaluationFigures ??= JSON.stringify(await assembleEvaluation(plan.id));
  const existing = await db.evaluation.findFirst({ where: { title: "矩阵总结评估" }, select: { id: true } });
  const evaluation =
    existing ??
    (await db.evaluation.create({
      data: {
        planId: plan.id,
        title: "矩阵总结评估",
        versions: {
          create: {
            number: 1,
            reason: "ASSEMBLED",
            figures: matrixEvaluationFigures,
            conclusions: JSON.stringify({ overall: "矩阵", sections: {} }),
          },
        },
      },
      select: { id: true },
    }));
  await db.evaluationVersion.deleteMany({ where: { evaluationId: evaluation.id, number: { gt: 1 } } });
  await db.evaluation.update({
    where: { id: evaluation.id },
    data: { status: "DRAFT", version: 1, finalisedAt: null, finalisedById: null, finalisedByName: null },
  });
  return evaluation.id;
}
let matrixEvaluationId = 0;
const prepareEvaluation = async () => void (matrixEvaluationId = await matrixEvaluation());
const evaluationRoute =
  (route: { GET: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response> }) =>
  async (actor: Actor | null): Promise<Outcome> =>
    routeOutcome(actor, () =>
      route.GET(new Request(`http://localhost/evaluations/${matrixEvaluationId}`), {
        params: Promise.resolve({ id: String(matrixEvaluationId) }),
      }),
    );
const masterPlanId = async () => (await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" }, select: { id: true } })).id;

const ENTRY_POINTS: EntryPoint[] = [
  { name: "listEvaluations", action: "evaluation.list", call: data((a) => listEvaluations(a)) },
  { name: "getEvaluation", action: "evaluation.read", prepare: prepareEvaluation, call: data((a) => getEvaluation(a, matrixEvaluationId)) },
  {
    name: "evaluationForExport",
    action: "evaluation.export",
    prepare: prepareEvaluation,
    call: data((a) => evaluationForExport(a, matrixEvaluationId, "docx")),
  },
  {
    name: "evaluationWord",
    action: "evaluation.export",
    prepare: prepareEvaluation,
    call: data((a) => evaluationWord(a, matrixEvaluationId)),
  },
  {
    name: "evaluationExcel",
    action: "evaluation.export",
    prepare: prepareEvaluation,
    call: data((a) => evaluationExcel(a, matrixEvaluationId)),
  },
  {
    name: "GET /evaluations/[id]/word",
    action: "evaluation.export",
    prepare: prepareEvaluation,
    call: evaluationRoute(evaluationWordRoute),
  },
  {
    name: "GET /evaluations/[id]/excel",
    action: "evaluation.export",
    prepare: prepareEvaluation,
    call: evaluationRoute(evaluationExcelRoute),
  },
  { name: "openEvaluation", action: "evaluation.open", call: data(async (a) => openEvaluation(a, { planId: await masterPlanId() })) },
  {
    name: "openEvaluationAction",
    action: "evaluation.open",
    call: action(async () => openEvaluationAction(null, form({ planId: await masterPlanId() }))),
  },
  {
    name: "saveConclusions",
    action: "evaluation.save_conclusions",
    prepare: prepareEvaluation,
    call: data((a) => saveConclusions(a, { evaluationId: matrixEvaluationId, version: 1, overall: "矩阵结论", sections: {} })),
  },
  {
    name: "saveConclusionsAction",
    action: "evaluation.save_conclusions",
    prepare: prepareEvaluation,
    call: action(() => saveConclusionsAction(null, form({ evaluationId: matrixEvaluationId, version: 1, overall: "矩阵结论" }))),
  },
  {
    name: "refreshFigures",
    action: "evaluation.refresh",
    prepare: prepareEvaluation,
    call: data((a) => refreshFigures(a, { evaluationId: matrixEvaluationId, version: 1 })),
  },
  {
    name: "refreshFiguresAction",
    action: "evaluation.refresh",
    prepare: prepareEvaluation,
    call: action(() => refreshFiguresAction(null, form({ evaluationId: matrixEvaluationId, version: 1 }))),
  },
  {
    name: "finaliseEvaluation",
    action: "evaluation.finalise",
    prepare: prepareEvaluation,
    call: data((a) => finaliseEvaluation(a, { evaluationId: matrixEvaluationId, version: 1 })),
  },
  {
    name: "finaliseEvaluationAction",
    action: "evaluation.finalise",
    prepare: prepareEvaluation,
    call: action(() => finaliseEvaluationAction(null, form({ evaluationId: matrixEvaluationId, version: 1 }))),
  },
  { name: "listAssessmentYears", action: "assessment.list", call: data((a) => listAssessmentYears(a)) },
  {
    name: "getAssessmentYear",
    action: "assessment.read",
    prepare: async () => void (await matrixAssessment()),
    call: data((a) => getAssessmentYear(a, MATRIX_ASSESSMENT)),
  },
  {
    name: "getAssessmentScore(市教育局)",
    action: "assessment.read",
    prepare: async () => void (await matrixAssessment()),
    call: data(async (a) => getAssessmentScore(a, MATRIX_ASSESSMENT, await unitId("市教育局"))),
  },
  {
    name: "assessmentExportRows",
    action: "assessment.export",
    prepare: async () => void (await matrixAssessment()),
    call: data((a) => assessmentExportRows(a, MATRIX_ASSESSMENT)),
  },
  {
    name: "GET /assessments/[year]/export",
    action: "assessment.export",
    prepare: async () => void (await matrixAssessment()),
    call: async (actor: Actor | null): Promise<Outcome> => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await assessmentExportRoute.GET(new Request(`http://localhost/assessments/${MATRIX_ASSESSMENT}/export`), {
        params: Promise.resolve({ year: String(MATRIX_ASSESSMENT) }),
      });
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  },
  {
    name: "createAssessmentYear",
    action: "assessment.create_year",
    prepare: () => noAssessment(2031),
    call: data((a) => createAssessmentYear(a, { year: 2031 })),
  },
  {
    name: "createAssessmentAction",
    action: "assessment.create_year",
    prepare: () => noAssessment(2032),
    call: action(() => createAssessmentAction(null, form({ year: 2032 }))),
  },
  {
    name: "updateAssessmentRules",
    action: "assessment.update_rules",
    call: data(async (a) => updateAssessmentRules(a, await matrixWeights(MATRIX_ASSESSMENT))),
  },
  {
    name: "updateAssessmentRulesAction",
    action: "assessment.update_rules",
    prepare: async () => void (await matrixAssessment()),
    call: action(async () => updateAssessmentRulesAction(null, form(await matrixWeights(MATRIX_ASSESSMENT)))),
  },
  {
    name: "computeAssessment",
    action: "assessment.compute",
    prepare: async () => void (await matrixAssessment()),
    call: data((a) => computeAssessment(a, MATRIX_ASSESSMENT)),
  },
  {
    name: "computeAssessmentAction",
    action: "assessment.compute",
    prepare: async () => void (await matrixAssessment()),
    call: action(() => computeAssessmentAction(null, form({ year: MATRIX_ASSESSMENT }))),
  },
  {
    name: "finaliseAssessment",
    action: "assessment.finalise",
    prepare: async () => void (await matrixAssessment(MATRIX_FINALISE)),
    call: data(async (a) => finaliseAssessment(a, { year: MATRIX_FINALISE, version: (await matrixAssessment(MATRIX_FINALISE)).version })),
  },
  {
    name: "finaliseAssessmentAction",
    action: "assessment.finalise",
    prepare: async () => void (await matrixAssessment(MATRIX_FINALISE)),
    call: action(async () =>
      finaliseAssessmentAction(
        null,
        form({ year: MATRIX_FINALISE, version: (await db.assessmentYear.findUniqueOrThrow({ where: { year: MATRIX_FINALISE } })).version }),
      ),
    ),
  },
  { name: "listUnitRegistry", action: "unit.registry", call: data((a) => listUnitRegistry(a)) },
  {
    name: "getUnitRegistryEntry",
    action: "unit.registry",
    prepare: async () => void (await registryUnit()),
    call: data(async (a) => getUnitRegistryEntry(a, (await registryUnit()).id)),
  },
  {
    name: "createUnit",
    action: "unit.create",
    call: data((a) => createUnit(a, { name: `矩阵新单位${++counter}`, fullName: "矩阵新单位全称", type: "CENTRAL_UNIT" })),
  },
  {
    name: "renameUnit",
    action: "unit.rename",
    prepare: async () => void (await registryUnit()),
    call: data(async (a) => renameUnit(a, await renameInput())),
  },
  {
    name: "mergeUnit",
    action: "unit.merge",
    prepare: unitToMerge,
    call: data(async (a) => mergeUnit(a, { unitId: mergingUnitId, version: 1, intoUnitId: (await registryUnit()).id })),
  },
  {
    name: "setUnitActive(toggle)",
    action: "unit.deactivate",
    prepare: async () => void (await registryUnit()),
    call: data(async (a) => {
      // Deactivate, then reactivate, so the unit stays in use for the next case.
      const { id, version } = await registryUnit();
      await setUnitActive(a, { unitId: id, version }, false);
      return setUnitActive(a, { unitId: id, version: version + 1 }, true);
    }),
  },
  {
    name: "createUnitAction",
    action: "unit.create",
    call: action(() => createUnitAction(null, form({ name: `矩阵新单位${++counter}`, fullName: "矩阵新单位全称", type: "CENTRAL_UNIT" }))),
  },
  {
    name: "renameUnitAction",
    action: "unit.rename",
    prepare: async () => void (await registryUnit()),
    call: action(async () => renameUnitAction(null, form(await renameInput()))),
  },
  {
    name: "mergeUnitAction",
    action: "unit.merge",
    prepare: unitToMerge,
    call: action(async () => mergeUnitAction(null, form({ unitId: mergingUnitId, version: 1, intoUnitId: (await registryUnit()).id }))),
  },
  {
    name: "unitCommandAction(toggle)",
    action: "unit.deactivate",
    prepare: async () => void (await registryUnit()),
    call: action(async () => {
      const command = async (name: string) => {
        const { id, version } = await registryUnit();
        return unitCommandAction(null, form({ unitId: id, version, command: name }));
      };
      const first = await command("deactivate");
      return first.ok ? command("reactivate") : first;
    }),
  },
  { name: "listUnitsByType", action: "unit.list", call: data((a) => listUnitsByType(a)) },
  { name: "listUnitsForAssignment", action: "unit.list", call: data((a) => listUnitsForAssignment(a)) },
  { name: "listUsers", action: "user.list", call: data((a) => listUsers(a)) },
  { name: "getUser", action: "user.read", call: data(async (a) => getUser(a, (await target()).userId)) },
  { name: "createUser", action: "user.create", call: data((a) => createUser(a, newAccount())) },
  {
    name: "updateUser",
    action: "user.update",
    call: data(async (a) => {
      const unit = await db.unit.findUniqueOrThrow({ where: { name: "福田区" } });
      return updateUser(a, { ...(await target()), displayName: `赵联络${++counter}`, role: "LIAISON", unitId: unit.id });
    }),
  },
  { name: "setUserDisabled(true)", action: "user.disable", call: data(async (a) => setUserDisabled(a, await target(), true)) },
  { name: "setUserDisabled(false)", action: "user.enable", call: data(async (a) => setUserDisabled(a, await target(), false)) },
  { name: "resetPassword", action: "user.reset_password", call: data(async (a) => resetPassword(a, await target())) },
  { name: "unlockUser", action: "user.unlock", call: data(async (a) => unlockUser(a, await target())) },
  { name: "listAccountRequests", action: "user.request_list", call: data((a) => listAccountRequests(a)) },
  {
    name: "cancelPrivilegedRequest",
    action: "user.request_cancel",
    prepare: pendingRequest,
    call: data(async (a) => cancelPrivilegedRequest(a, await requestRef())),
  },
  {
    name: "cancelRequestAction",
    action: "user.request_cancel",
    prepare: pendingRequest,
    call: action(async () => cancelRequestAction(null, form(await requestRef()))),
  },
  {
    name: "collectTemporaryPassword",
    action: "user.request_collect_password",
    prepare: approvedRequest,
    call: data(async (a) => collectTemporaryPassword(a, await requestRef())),
  },
  {
    name: "collectPasswordAction",
    action: "user.request_collect_password",
    prepare: approvedRequest,
    call: action(async () => collectPasswordAction(null, form(await requestRef()))),
  },
  { name: "listPrivilegedRequests", action: "account_request.list", call: data((a) => listPrivilegedRequests(a)) },
  { name: "listModerationQueue", action: "feedback.queue", call: data((a) => listModerationQueue(a)) },
  { name: "feedbackOverview", action: "feedback.read", call: data((a) => feedbackOverview(a)) },
  ...(["approve", "reject"] as const).flatMap((decision) => [
    {
      name: `moderateComment(${decision})`,
      action: `feedback.${decision}`,
      prepare: pendingFeedbackComment,
      call: data((a) => moderateComment(a, { commentId: feedbackCommentId, decision, reason: "矩阵测试" })),
    },
    {
      name: `moderateCommentAction(${decision})`,
      action: `feedback.${decision}`,
      prepare: pendingFeedbackComment,
      call: action(() => moderateCommentAction(null, form({ commentId: feedbackCommentId, decision, reason: "矩阵测试" }))),
    },
  ]),
  {
    name: "approvePrivilegedRequest",
    action: "account_request.approve",
    prepare: pendingRequest,
    call: data(async (a) => approvePrivilegedRequest(a, { ...(await requestRef()), decision: "approve" })),
  },
  {
    name: "refusePrivilegedRequest",
    action: "account_request.refuse",
    prepare: pendingRequest,
    call: data(async (a) => refusePrivilegedRequest(a, { ...(await requestRef()), decision: "refuse", reason: "矩阵测试" })),
  },
  ...(["approve", "refuse"] as const).map((decision) => ({
    name: `decideRequestAction(${decision})`,
    action: `account_request.${decision}`,
    prepare: pendingRequest,
    call: action(async () => decideRequestAction(null, form({ ...(await requestRef()), decision, reason: "矩阵测试" }))),
  })),
  { name: "changeOwnPassword", action: "account.change_password", call: data(changePasswordRoundTrip) },
  { name: "searchAuditEvents", action: "audit.search", call: data((a) => searchAuditEvents(a, { page: 1 })) },
  { name: "listAuditActions", action: "audit.search", call: data((a) => listAuditActions(a)) },
  { name: "verifyAuditTrail", action: "audit.verify", call: data((a) => verifyAuditTrail(a)) },
  { name: "exportAuditCsv", action: "audit.export", call: data((a) => exportAuditCsv(a, { page: 1 })) },
  {
    name: "createUserAction",
    action: "user.create",
    call: action(() => createUserAction(null, form(newAccount()))),
  },
  {
    name: "updateUserAction",
    action: "user.update",
    call: action(async () => {
      const unit = await db.unit.findUniqueOrThrow({ where: { name: "福田区" } });
      return updateUserAction(null, form({ ...(await target()), displayName: `赵联络${++counter}`, role: "LIAISON", unitId: unit.id }));
    }),
  },
  ...(["disable", "enable", "unlock", "reset"] as const).map((command) => ({
    name: `userCommandAction(${command})`,
    action: { disable: "user.disable", enable: "user.enable", unlock: "user.unlock", reset: "user.reset_password" }[command],
    call: action(async () => userCommandAction(null, form({ ...(await target()), command }))),
  })),
  {
    name: "changePasswordAction",
    action: "account.change_password",
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
      return changePasswordAction(
        null,
        form({ currentPassword: "Matrix#2026x", newPassword: DEMO_PASSWORD, confirmPassword: DEMO_PASSWORD }),
      );
    }),
  },
  { name: "verifyAuditAction", action: "audit.verify", call: action(() => verifyAuditAction(null, form({}))) },
  { name: "listPlans", action: "plan.read", call: data((a) => listPlans(a)) },
  { name: "getPlanOverview", action: "plan.read", call: data((a) => getPlanOverview(a)) },
  { name: "getPlanTree", action: "plan.read", call: data((a) => getPlanTree(a, "sz-2022-2025", { query: "科普" })) },
  { name: "listSections", action: "plan.read", call: data((a) => listSections(a)) },
  { name: "getPlanItem", action: "plan_item.read", call: data(async (a) => getPlanItem(a, (await itemByKey("youth.m1")).id)) },
  { name: "listUnitsWithWork", action: "unit.list", call: data((a) => listUnitsWithWork(a)) },
  { name: "getUnitWork", action: "unit.read", call: data(async (a) => getUnitWork(a, await unitId("市教育局"))) },
  { name: "getDivisionTable", action: "division.read", call: data((a) => getDivisionTable(a, {})) },
  { name: "getDivisionPage", action: "division.read", call: data((a) => getDivisionPage(a, {}, 1)) },
  {
    name: "getDistrictProgress",
    action: "plan_item.read",
    call: data(async (a) => getDistrictProgress(a, (await itemByKey("youth.m1")).id)),
  },
  { name: "exportDivisionTable", action: "division.export", call: data((a) => exportDivisionTable(a, {}, "csv")) },
  { name: "createWorkItem", action: "plan_item.create", call: data(async (a) => createWorkItem(a, await workItemInput("youth.m3"))) },
  {
    name: "updateWorkItem",
    action: "plan_item.update",
    call: data(async (a) => {
      const { itemId, version } = await workItem();
      return updateWorkItem(a, { ...(await workItemInput("youth.m3", { title: `矩阵${++counter}` })), itemId, version });
    }),
  },
  {
    name: "workItemFormOptions",
    action: "plan_item.form",
    call: data(async (a) => workItemFormOptions(a, (await itemByKey("youth.m3")).planId)),
  },
  {
    name: "loadWorkItemForm",
    action: "plan_item.form",
    call: data((a) => loadWorkItemForm(a, workItemId, "edit")),
  },
  {
    name: "createWorkItemAction",
    action: "plan_item.create",
    call: action(async () => {
      const measure = await itemByKey("youth.m3");
      return createWorkItemAction(
        null,
        form({
          parentId: measure.id,
          title: `矩阵新建${++counter}`,
          dueDate: "2025-12-31",
          reportingCycle: "ANNUAL",
          [`unit_${await unitId("市教育局")}`]: "LEAD",
        }),
      );
    }),
  },
  {
    name: "updateWorkItemAction",
    action: "plan_item.update",
    call: action(async () => updateWorkItemAction(null, form(await workItemForm()))),
  },
  {
    name: "makePlanCurrent",
    action: "plan.make_current",
    prepare: async () => void (await matrixNextPlan()),
    call: data(async (a) => {
      const result = await makePlanCurrent(a, { planId: (await matrixNextPlan()).id });
      await restoreCurrentPlan(result.ended);
      return result;
    }),
  },
  {
    name: "makePlanCurrentAction",
    action: "plan.make_current",
    prepare: async () => void (await matrixNextPlan()),
    call: action(async () => {
      // A success redirects to the overview; whatever the outcome, the 2022–2025 plan is current again after.
      const statuses = await db.plan.findMany({ where: { status: "PUBLISHED" }, select: { code: true } });
      try {
        return await makePlanCurrentAction(null, form({ planId: (await matrixNextPlan()).id }));
      } finally {
        await restoreCurrentPlan(statuses.map((plan) => plan.code));
      }
    }),
  },
  { name: "loadCarryOverForm", action: "plan_item.carry_over_form", call: data((a) => loadCarryOverForm(a, "sz-2022-2025")) },
  {
    name: "carryOverItems",
    action: "plan_item.carry_over",
    prepare: carryOrigin,
    call: data(async (a) => carryOverItems(a, { parentId: (await itemByKey("youth.m3")).id, itemIds: [carryOriginId] })),
  },
  {
    name: "carryOverAction",
    action: "plan_item.carry_over",
    prepare: carryOrigin,
    call: action(async () => carryOverAction(null, form({ parentId: (await itemByKey("youth.m3")).id, itemIds: carryOriginId }))),
  },
  { name: "planFormOptions", action: "plan.form", call: data((a) => planFormOptions(a)) },
  { name: "createPlan", action: "plan.create", call: data(async (a) => createPlan(a, await newPlanInput())) },
  {
    name: "createPlanAction",
    action: "plan.create",
    call: action(async () => createPlanAction(null, form(await newPlanInput()))),
  },
  { name: "loadPlanForm", action: "plan.form", call: data(async (a) => loadPlanForm(a, (await authoringPlan()).code)) },
  {
    name: "updatePlan",
    action: "plan.update",
    call: data(async (a) => {
      const plan = await authoringPlan();
      const { updatedAt } = await db.plan.findUniqueOrThrow({ where: { id: plan.id } });
      return updatePlan(a, { planId: plan.id, updatedAt: updatedAt.getTime(), ...planParticulars() });
    }),
  },
  {
    name: "updatePlanAction",
    action: "plan.update",
    call: action(async () => {
      const plan = await authoringPlan();
      const { updatedAt } = await db.plan.findUniqueOrThrow({ where: { id: plan.id } });
      return updatePlanAction(null, form({ planId: plan.id, updatedAt: updatedAt.getTime(), ...planParticulars() }));
    }),
  },
  { name: "publishPlan", action: "plan.publish", call: data(async (a) => publishPlan(a, { planId: (await authoringPlan()).id })) },
  {
    name: "publishPlanAction",
    action: "plan.publish",
    call: action(async () => publishPlanAction(null, form({ planId: (await authoringPlan()).id }))),
  },
  { name: "loadItemForm", action: "plan_item.form", call: data(async (a) => loadItemForm(a, { itemId: (await authoringItem()).id })) },
  {
    name: "createItem",
    action: "plan_item.create",
    call: data(async (a) =>
      createItem(a, {
        kind: "SECTION",
        planId: (await authoringPlan()).id,
        title: `矩阵新条目${++counter}`,
        fullText: "",
        assignments: [],
        links: [],
      }),
    ),
  },
  {
    name: "createItemAction",
    action: "plan_item.create",
    call: action(async () =>
      createItemAction(
        null,
        form({
          kind: "SECTION",
          planId: (await authoringPlan()).id,
          title: `矩阵新条目${++counter}`,
        }),
      ),
    ),
  },
  {
    name: "updateItem",
    action: "plan_item.update",
    call: data(async (a) => {
      const item = await authoringItem();
      const edit = { kind: "SECTION" as const, title: `矩阵条目甲${++counter}`, fullText: "", assignments: [], links: [] };
      return updateItem(a, { ...edit, itemId: item.id, version: item.version });
    }),
  },
  {
    name: "updateItemAction",
    action: "plan_item.update",
    call: action(async () => {
      const item = await authoringItem();
      return updateItemAction(null, form({ kind: "SECTION", itemId: item.id, version: item.version, title: `矩阵条目甲${++counter}` }));
    }),
  },
  { name: "moveTargets", action: "plan_item.move", call: data(async (a) => moveTargets(a, (await authoringItem()).id)) },
  {
    name: "moveItem(toggle)",
    action: "plan_item.move",
    // Down when first, up when second: the two sections trade places and back.
    call: data(async (a) => {
      const item = await authoringItem();
      return moveItem(a, { itemId: item.id, version: item.version, direction: item.position === 1 ? "down" : "up" });
    }),
  },
  {
    name: "moveItemAction(toggle)",
    action: "plan_item.move",
    call: action(async () => {
      const item = await authoringItem();
      return moveItemAction(null, form({ itemId: item.id, version: item.version, direction: item.position === 1 ? "down" : "up" }));
    }),
  },
  {
    name: "setItemArchived(toggle)",
    action: "plan_item.archive",
    call: data(async (a) => {
      // Archive, then restore, so the item stays in use for the next case.
      const item = await authoringItem();
      await setItemArchived(a, { itemId: item.id, version: item.version }, true);
      return setItemArchived(a, { itemId: item.id, version: item.version + 1 }, false);
    }),
  },
  {
    name: "archiveItemAction(toggle)",
    action: "plan_item.archive",
    call: action(async () => {
      const first = await archiveItemAction(
        null,
        form({ itemId: (await authoringItem()).id, version: (await authoringItem()).version, command: "archive" }),
      );
      if (!first.ok) return first;
      return archiveItemAction(
        null,
        form({ itemId: (await authoringItem()).id, version: (await authoringItem()).version, command: "restore" }),
      );
    }),
  },
  { name: "readPlanVersions", action: "plan.versions", call: data((a) => readPlanVersions(a, "sz-2022-2025")) },
  { name: "comparePlanVersions", action: "plan.compare", call: data((a) => comparePlanVersions(a, "sz-2022-2025")) },
  {
    name: "compareItemVersions",
    action: "plan_item.compare",
    call: data(async (a) => compareItemVersions(a, (await itemByKey("youth.m1")).id)),
  },
  {
    name: "GET /division/export",
    action: "division.export",
    call: async (actor) => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await divisionExportRoute.GET(new Request("http://localhost/division/export?format=csv"));
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  },
  { name: "getReport", action: "report.read", call: data(async (a) => getReport(a, reportId)) },
  {
    name: "saveReport(draft)",
    action: "report.save",
    prepare: () => reportInState("DRAFT"),
    call: data(async (a) => saveReport(a, { ...(await report()), intent: "save", submissionKey: "", ...draft })),
  },
  {
    name: "reviewReport(approve)",
    action: "report.approve",
    prepare: () => reportInState("SUBMITTED"),
    call: data(async (a) => reviewReport(a, { ...(await report()), decision: "APPROVE", comment: "" })),
  },
  {
    name: "approveReports",
    action: "report.approve_many",
    prepare: () => reportInState("SUBMITTED"),
    call: data(async (a) => approveReports(a, { reports: [await report()] })),
  },
  { name: "reviewQueue", action: "report.queue", call: data((a) => reviewQueue(a)) },
  { name: "myTasks", action: "report.mine", call: data((a) => myTasks(a)) },
  // The round workbook of 市教育局 (jyj's unit): CAST any unit's, a liaison only their own (ownership cases below).
  {
    name: "roundWorkbook(市教育局)",
    action: "report.workbook",
    call: data(async (a) => roundWorkbook(a, roundId, await unitId("市教育局"))),
  },
  {
    name: "GET /rounds/[id]/workbook",
    action: "report.workbook",
    call: async (a) => {
      const url = `http://localhost/rounds/${roundId}/workbook?unit=${await unitId("市教育局")}`;
      return routeOutcome(a, () => roundWorkbookRoute.GET(new Request(url), { params: Promise.resolve({ id: String(roundId) }) }));
    },
  },
  { name: "itemTimeline", action: "report.timeline", call: data(async (a) => itemTimeline(a, (await itemByKey("youth")).id)) },
  { name: "unitTimeline", action: "report.timeline", call: data(async (a) => unitTimeline(a, await unitId("市教育局"))) },
  { name: "downloadAttachment", action: "attachment.download", call: data((a) => downloadAttachment(a, attachmentId)) },
  {
    name: "GET /attachments/[id]",
    action: "attachment.download",
    call: (a) =>
      routeOutcome(a, () =>
        attachmentRoute.GET(new Request(`http://localhost/attachments/${attachmentId}`), {
          params: Promise.resolve({ id: String(attachmentId) }),
        }),
      ),
  },
  {
    name: "GET /attachments/[id]/preview",
    action: "attachment.download",
    call: (a) =>
      routeOutcome(a, () =>
        attachmentPreviewRoute.GET(new Request(`http://localhost/attachments/${attachmentId}/preview`), {
          params: Promise.resolve({ id: String(attachmentId) }),
        }),
      ),
  },
  {
    name: "addAttachment",
    action: "attachment.add",
    prepare: () => reportInState("DRAFT"),
    call: data((a) => addAttachment(a, reportId, `矩阵${++counter}.pdf`, PDF)),
  },
  {
    name: "deleteAttachment",
    action: "attachment.remove",
    prepare: doomedAttachment,
    call: data((a) => deleteAttachment(a, doomedAttachmentId)),
  },
  { name: "listRounds", action: "round.list", call: data((a) => listRounds(a)) },
  { name: "getRoundBoard", action: "round.read", call: data((a) => getRoundBoard(a, roundId)) },
  { name: "listRoundCandidates", action: "round.form", call: data((a) => listRoundCandidates(a)) },
  {
    name: "openRound",
    action: "round.open",
    call: data(async (a) =>
      openRound(
        a,
        {
          name: `矩阵轮次${++counter}`,
          period: "2025年第四季度",
          deadline: "2025-12-31",
          itemIds: [(await itemByKey("exchange")).id],
        },
        new Date("2025-12-01T10:00:00+08:00"),
      ),
    ),
  },
  {
    name: "setRoundClosed(close)",
    action: "round.close",
    prepare: () => closingRoundIs("OPEN"),
    call: data((a) => setRoundClosed(a, { roundId: closingRoundId, command: "close" })),
  },
  {
    name: "setRoundClosed(reopen)",
    action: "round.reopen",
    prepare: () => closingRoundIs("CLOSED"),
    call: data((a) => setRoundClosed(a, { roundId: closingRoundId, command: "reopen" })),
  },
  { name: "sendChase(remind)", action: "chase.remind", call: data((a) => sendChase(a, { roundId, level: "REMIND", message: "" })) },
  { name: "listInbox", action: "inbox.read", call: data((a) => listInbox(a)) },
  {
    name: "markAllRead",
    action: "inbox.mark_all_read",
    call: data(async (a) => {
      if (a) await unreadMessageOf(a);
      return markAllRead(a);
    }),
  },
  {
    name: "markAllReadAction",
    action: "inbox.mark_all_read",
    call: async (a) => {
      if (a) await unreadMessageOf(a);
      return action(() => markAllReadAction(null, form({})))(a);
    },
  },
  { name: "searchReports", action: "report.search", call: data((a) => searchReports(a, { page: 1, q: "矩阵", light: "RED" })) },
  {
    name: "markRead(own message)",
    action: "inbox.mark_read",
    call: data(async (a) => {
      if (!a) return markRead(a, 1);
      const message = await db.inboxMessage.create({ data: { userId: a.userId, kind: "TEST", title: "矩阵", body: "矩阵" } });
      return markRead(a, message.id);
    }),
  },
  {
    name: "markReadAction(own message)",
    action: "inbox.mark_read",
    call: async (a) => {
      const messageId = a ? await unreadMessageOf(a) : 1;
      return action(() => markReadAction(null, form({ messageId })))(a);
    },
  },
  {
    name: "saveReportAction(draft)",
    action: "report.save",
    prepare: () => reportInState("DRAFT"),
    call: action(async () => saveReportAction(null, form({ ...(await report()), intent: "save", workDone: `矩阵${++counter}` }))),
  },
  {
    name: "uploadAttachmentAction",
    action: "attachment.add",
    prepare: () => reportInState("DRAFT"),
    call: action(() => uploadAttachmentAction(null, uploadForm())),
  },
  {
    name: "removeAttachmentAction",
    action: "attachment.remove",
    prepare: doomedAttachment,
    call: action(() => removeAttachmentAction(null, form({ attachmentId: doomedAttachmentId, reportId }))),
  },
  {
    name: "reviewReportAction(approve)",
    action: "report.approve",
    prepare: () => reportInState("SUBMITTED"),
    call: action(async () => reviewReportAction(null, form({ ...(await report()), decision: "APPROVE" }))),
  },
  {
    name: "approveReportsAction",
    action: "report.approve_many",
    prepare: () => reportInState("SUBMITTED"),
    call: action(async () => {
      const { reportId: id, version } = await report();
      return approveReportsAction(null, form({ reports: `${id}:${version}` }));
    }),
  },
  {
    name: "openRoundAction",
    action: "round.open",
    call: action(async () =>
      openRoundAction(
        null,
        // The action opens at the real today, which a past deadline would precede.
        form({ name: `矩阵轮次${++counter}`, period: "2099年第四季度", deadline: "2099-12-31", itemIds: (await itemByKey("exchange")).id }),
      ),
    ),
  },
  {
    name: "roundCommandAction(close)",
    action: "round.close",
    prepare: () => closingRoundIs("OPEN"),
    call: action(() => roundCommandAction(null, form({ roundId: closingRoundId, command: "close" }))),
  },
  { name: "chaseAction(remind)", action: "chase.remind", call: action(() => chaseAction(null, form({ roundId, level: "REMIND" }))) },
  // 市教育局's report is a lead report of the youth action: its supporters have not submitted.
  { name: "chaseMissingSupporters", action: "chase.supporters", call: data((a) => chaseMissingSupporters(a, { reportId })) },
  { name: "chaseSupportersAction", action: "chase.supporters", call: action(() => chaseSupportersAction(null, form({ reportId }))) },
  { name: "getDashboard", action: "dashboard.read", call: data((a) => getDashboard(a, { roundId })) },
  { name: "getDashboardForPage", action: "dashboard.read", call: data((a) => getDashboardForPage(a, { roundId })) },
  { name: "progressSummaryRows", action: "dashboard.export", call: data((a) => progressSummaryRows(a, roundId)) },
  { name: "indicatorTableRows", action: "dashboard.export", call: data((a) => indicatorTableRows(a)) },
  { name: "bulletinData", action: "dashboard.read", call: data((a) => bulletinData(a, roundId)) },
  { name: "listIndicators", action: "indicator.list", call: data((a) => listIndicators(a)) },
  { name: "getIndicator", action: "indicator.read", call: data(async (a) => getIndicator(a, await literacyId())) },
  {
    name: "setIndicatorValue",
    action: "indicator.set_value",
    call: data(async (a) => {
      const year = 2021 + (++counter % 4);
      const existing = await db.indicatorValue.findFirst({ where: { indicatorId: await literacyId(), year, districtId: null } });
      return setIndicatorValue(a, {
        indicatorId: await literacyId(),
        year,
        value: 22,
        source: "矩阵",
        method: "矩阵",
        version: existing?.version,
      });
    }),
  },
  {
    name: "createIndicator",
    action: "indicator.create_indicator",
    call: data((a) =>
      createIndicator(a, {
        code: `matrix-${++counter}`,
        name: "矩阵指标",
        unit: "个",
        direction: "HIGHER_IS_BETTER",
        baselineSource: "",
        description: "",
        targets: [],
        confirmPlanChange: false,
      }),
    ),
  },
  {
    name: "createIndicatorAction",
    action: "indicator.create_indicator",
    call: action(() =>
      createIndicatorAction(
        null,
        form({ code: `matrix-action-${++counter}`, name: "矩阵指标", unit: "个", direction: "HIGHER_IS_BETTER" }),
      ),
    ),
  },
  {
    name: "loadIndicatorForm",
    action: "indicator.form",
    prepare: async () => void (await matrixIndicator()),
    call: data(async (a) => loadIndicatorForm(a, (await matrixIndicator()).id)),
  },
  {
    name: "updateIndicator",
    action: "indicator.update_indicator",
    prepare: async () => void (await matrixIndicator()),
    call: data(async (a) => {
      const { id, version } = await matrixIndicator();
      return updateIndicator(a, { indicatorId: id, version, ...indicatorEdit() });
    }),
  },
  {
    name: "updateIndicatorAction",
    action: "indicator.update_indicator",
    prepare: async () => void (await matrixIndicator()),
    call: action(async () => {
      const { id, version } = await matrixIndicator();
      const { name, unit, direction } = indicatorEdit();
      return updateIndicatorAction(null, form({ indicatorId: id, version, name, unit, direction }));
    }),
  },
  {
    name: "createComposite",
    action: "indicator.define_composite",
    call: data(async (a) => createComposite(a, { code: `matrix-composite-${++counter}`, ...(await compositeDefinition()) })),
  },
  {
    name: "createCompositeAction",
    action: "indicator.define_composite",
    call: action(async () =>
      createCompositeAction(null, form({ code: `matrix-composite-action-${++counter}`, ...(await compositeFields()) })),
    ),
  },
  {
    name: "loadCompositeForm",
    action: "indicator.form",
    prepare: async () => void (await matrixComposite()),
    call: data(async (a) => loadCompositeForm(a, (await matrixComposite()).id)),
  },
  {
    name: "updateComposite",
    action: "indicator.update_composite",
    prepare: async () => void (await matrixComposite()),
    call: data(async (a) => {
      const { id, version } = await matrixComposite();
      return updateComposite(a, { indicatorId: id, version, ...(await compositeDefinition()) });
    }),
  },
  {
    name: "updateCompositeAction",
    action: "indicator.update_composite",
    prepare: async () => void (await matrixComposite()),
    call: action(async () => {
      const { id, version } = await matrixComposite();
      return updateCompositeAction(null, form({ indicatorId: id, version, ...(await compositeFields()) }));
    }),
  },
  {
    name: "setIndicatorValueAction",
    action: "indicator.set_value",
    call: action(async () => {
      const year = 2021 + (++counter % 4);
      const existing = await db.indicatorValue.findFirst({ where: { indicatorId: await literacyId(), year, districtId: null } });
      return setIndicatorValueAction(
        null,
        form({
          indicatorId: await literacyId(),
          year,
          value: 23,
          source: "矩阵",
          method: "矩阵",
          ...(existing ? { version: existing.version } : {}),
        }),
      );
    }),
  },
  ...[
    [
      "GET /dashboard/export",
      () => dashboardExportRoute.GET(new Request(`http://localhost/dashboard/export?kind=summary&format=csv&round=${roundId}`)),
    ],
    ["GET /dashboard/bulletin", () => bulletinRoute.GET(new Request(`http://localhost/dashboard/bulletin?round=${roundId}`))],
  ].map(([name, request]) => ({
    name: name as string,
    action: name === "GET /dashboard/export" ? "dashboard.export" : "dashboard.read",
    call: async (actor: Actor | null): Promise<Outcome> => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await (request as () => Promise<Response>)();
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  })),
  // The round workbook back in: CAST enters 市教育局's workbook on its behalf, a liaison their own; an
  // import is read, confirmed or discarded only by who uploaded it (each caller gets their own, fresh).
  { name: "reportImportOptions", action: "report.import_preview", call: data((a) => reportImportOptions(a)) },
  {
    name: "previewReportImport",
    action: "report.import_preview",
    call: data(async (a) =>
      previewReportImport(a, { fileName: "矩阵填报表.xlsx", bytes: await ledgerWorkbook(), unitId: await unitId("市教育局") }),
    ),
  },
  {
    name: "previewReportImportAction",
    action: "report.import_preview",
    call: action(async () => {
      const data = form({ unitId: await unitId("市教育局") });
      data.set("file", new File([new Uint8Array(await ledgerWorkbook())], "矩阵填报表.xlsx"));
      return previewReportImportAction(null, data);
    }),
  },
  {
    name: "getReportImport",
    action: "report.import_read",
    prepare: freshLedgerImports,
    call: data((a) => getReportImport(a, ledgerImportOf(a))),
  },
  {
    name: "applyReportImport",
    action: "report.import",
    prepare: freshLedgerImports,
    call: data((a) => applyReportImport(a, { importId: ledgerImportOf(a), mode: "DRAFT" })),
  },
  {
    name: "applyReportImportAction",
    action: "report.import",
    prepare: freshLedgerImports,
    call: (a) => action(() => applyReportImportAction(null, form({ importId: ledgerImportOf(a), mode: "DRAFT" })))(a),
  },
  {
    name: "discardReportImport",
    action: "report.import_discard",
    prepare: freshLedgerImports,
    call: data((a) => discardReportImport(a, { importId: ledgerImportOf(a) })),
  },
  {
    name: "discardReportImportAction",
    action: "report.import_discard",
    prepare: freshLedgerImports,
    call: (a) => action(() => discardReportImportAction(null, form({ importId: ledgerImportOf(a) })))(a),
  },
  // Plan import: the LIAISON column is jyj (市教育局), not a district government: refused like the others.
  { name: "downloadPlanTemplate", action: "plan.template", call: data((a) => downloadPlanTemplate(a)) },
  { name: "downloadPlanWorkbook", action: "plan.template", call: data((a) => downloadPlanWorkbook(a, "cast-2023")) },
  {
    name: "GET /plans/import/template",
    action: "plan.template",
    call: (a) => routeOutcome(a, () => planTemplateRoute.GET(new Request("http://localhost/plans/import/template"))),
  },
  { name: "listImportTargets", action: "plan.import_preview", call: data((a) => listImportTargets(a)) },
  {
    name: "previewPlanImport",
    action: "plan.import_preview",
    call: data(async (a) => previewPlanImport(a, { fileName: "矩阵.xlsx", bytes: await matrixWorkbook(`matrix-preview-${++counter}`) })),
  },
  {
    name: "previewPlanImportAction",
    action: "plan.import_preview",
    call: action(async () => {
      const data = new FormData();
      data.set("file", new File([await matrixWorkbook(`matrix-preview-${++counter}`)], "矩阵.xlsx"));
      return previewPlanImportAction(null, data);
    }),
  },
  { name: "getPlanImport", action: "plan.import_read", prepare: freshImport, call: data((a) => getPlanImport(a, pendingImportId)) },
  {
    name: "applyPlanImport",
    action: "plan.import",
    prepare: freshImport,
    call: data((a) => applyPlanImport(a, { importId: pendingImportId })),
  },
  {
    name: "applyPlanImportAction",
    action: "plan.import",
    prepare: freshImport,
    call: action(() => applyPlanImportAction(null, form({ importId: pendingImportId }))),
  },
  {
    name: "discardPlanImport",
    action: "plan.import_discard",
    prepare: freshImport,
    call: data((a) => discardPlanImport(a, { importId: pendingImportId })),
  },
  {
    name: "discardPlanImportAction",
    action: "plan.import_discard",
    prepare: freshImport,
    call: action(() => discardPlanImportAction(null, form({ importId: pendingImportId }))),
  },
  {
    name: "GET /audit/export",
    action: "audit.export",
    call: async (actor) => {
      vi.mocked(getActor).mockResolvedValue(actor);
      const response = await exportRoute.GET(new Request("http://localhost/audit/export"));
      if (response.status === 200) return "allowed";
      if (response.status === 401 || response.status === 403) return "denied";
      throw new Error(`unexpected status ${response.status}`);
    },
  },
];

/** A small valid plan workbook with its own code (no indicator targets, which one year allows once). */
function matrixWorkbook(code: string) {
  return writeWorkbook(smallPlan(code, { indicators: [], goals: [] }));
}

/** A pending import by CAST staff, fresh for each case (an allowed confirm or discard uses it up). */
let pendingImportId = 0;
async function freshImport() {
  const admin = await actorForRole("ADMIN");
  pendingImportId = (await previewPlanImport(admin, { fileName: "矩阵.xlsx", bytes: await matrixWorkbook(`matrix-import-${++counter}`) }))
    .importId;
}

/** 市教育局's round workbook of the matrix round, as the portal makes it (its values unchanged: confirming it saves nothing). */
async function ledgerWorkbook() {
  const report = await db.progressReport.findUniqueOrThrow({ where: { id: reportId }, include: { round: true, unit: true, item: true } });
  return buildLedgerWorkbook({ round: report.round, unit: { id: report.unit.id, name: report.unit.name }, generatedAt: new Date() }, [
    {
      reportId: report.id,
      version: report.version,
      unitName: report.unit.name,
      itemNumber: report.item.number,
      itemTitle: report.item.title,
      role: report.role,
      state: report.state,
      returnComment: null,
      values: { ...report, outputs: [] },
    },
  ]);
}

/** Pending imports of that workbook, one by CAST staff (for 市教育局) and one by jyj, fresh for each case. */
let castLedgerImportId = 0;
let jyjLedgerImportId = 0;
async function freshLedgerImports() {
  const bytes = await ledgerWorkbook();
  const jyjUnitId = await unitId("市教育局");
  castLedgerImportId = (await previewReportImport(await actorForRole("ADMIN"), { fileName: "矩阵填报表.xlsx", bytes, unitId: jyjUnitId }))
    .importId;
  jyjLedgerImportId = (await previewReportImport(await actorFor("jyj"), { fileName: "矩阵填报表.xlsx", bytes })).importId;
}

/** The import the caller would have made: CAST staff's own, else jyj's (anyone else's is refused). */
function ledgerImportOf(actor: Actor | null) {
  return actor?.username === "kxadmin" ? castLedgerImportId : jyjLedgerImportId;
}

/** Everything a refused call must leave untouched. */
/** The tables businessSnapshot covers (ProgressReport with its ReportOutput rows). */
const SNAPSHOT_TABLES = [
  "User",
  "Session",
  "Unit",
  "PlanItem",
  "Assignment",
  "PlanItemRevision",
  "PlanItemLink",
  "ProgressReport",
  "ReportOutput",
  "ReportEvent",
  "Chase",
  "ReportingRound",
  "Attachment",
  "Indicator",
  "IndicatorValue",
  "InboxMessage",
  "IndicatorTarget",
  "Plan",
  "PlanVersion",
  "PlanImport",
  "UnitName",
  "PlanGoal",
  "PlanPhase",
  "ReportImport",
  "AssessmentYear",
  "AssessmentScore",
  "Evaluation",
  "EvaluationVersion",
];

async function businessSnapshot() {
  // On PostgreSQL the server digests every row of each table itself (one query, a few hundred
  // bytes back): fetching the rows through the pool twice per case made this file take minutes.
  if (process.env.TEST_DATABASE_PROVIDER === "postgresql") {
    const digests = await db.$queryRawUnsafe<{ name: string; digest: string | null }[]>(
      SNAPSHOT_TABLES.map(
        (table) => `SELECT '${table}' AS name, md5(string_agg(t::text, '|' ORDER BY t."id")) AS digest FROM "${table}" t`,
      ).join(" UNION ALL "),
    );
    return JSON.stringify(digests);
  }
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
  const [indicators, indicatorValues, inbox, targets, plans, planVersions, planImports, unitNames, goals, phases, reportImports] =
    await Promise.all([
      db.indicator.findMany({ orderBy: { id: "asc" } }),
      db.indicatorValue.findMany({ orderBy: { id: "asc" } }),
      db.inboxMessage.findMany({ orderBy: { id: "asc" } }),
      db.indicatorTarget.findMany({ orderBy: { id: "asc" } }),
      db.plan.findMany({ orderBy: { id: "asc" } }),
      db.planVersion.findMany({ orderBy: { id: "asc" } }),
      db.planImport.findMany({ orderBy: { id: "asc" } }),
      db.unitName.findMany({ orderBy: { id: "asc" } }),
      db.planGoal.findMany({ orderBy: { id: "asc" } }),
      db.planPhase.findMany({ orderBy: { id: "asc" } }),
      db.reportImport.findMany({ orderBy: { id: "asc" } }),
    ]);
  const [assessmentYears, assessmentScores] = await Promise.all([
    db.assessmentYear.findMany({ orderBy: { id: "asc" } }),
    db.assessmentScore.findMany({ orderBy: { id: "asc" } }),
  ]);
  const [evaluations, evaluationVersions] = await Promise.all([
    db.evaluation.findMany({ orderBy: { id: "asc" } }),
    db.evaluationVersion.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({
    assessmentYears,
    assessmentScores,
    evaluations,
    evaluationVersions,
    users,
    sessions,
    units,
    items,
    assignments,
    revisions,
    links,
    reports,
    events,
    chases,
    rounds,
    attachments,
    indicators,
    indicatorValues,
    inbox,
    targets,
    plans,
    planVersions,
    planImports,
    unitNames,
    goals,
    phases,
    reportImports,
  });
}

/** Who calls: each role, nobody (column null: refused everything), and the must-change-password ADMIN. */
const ACTORS: { label: string; column: Column | null; load: () => Promise<Actor | null> }[] = [
  ...ROLES.map((role: Role) => ({ label: role, column: role, load: () => actorForRole(role) })),
  { label: "anonymous", column: null, load: async () => null },
  {
    label: "ADMIN who must change their password",
    column: "MUST_CHANGE",
    // Its own password-change case clears the flag; every case starts with it set.
    load: async () => {
      await db.user.update({ where: { username: "mustchange" }, data: { mustChangePassword: true } });
      return actorFor("mustchange");
    },
  },
];

/** The outcome EXPECTED_TABLE gives; undefined when the entry point has no row (which fails). */
function expectedOutcome(column: Column | null, entryPoint: string): Outcome | undefined {
  const allowed = EXPECTED.get(entryPoint);
  if (!allowed) return undefined;
  return column !== null && allowed.has(column) ? "allowed" : "denied";
}

// Evidence files go outside tmp/vitest, which a concurrent vitest run's global setup empties.
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-matrix-uploads-"));
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

beforeAll(async () => {
  process.env.UPLOAD_DIR = uploadDir;
  const youth = await itemByKey("youth");
  const openedAt = new Date("2025-09-01T10:00:00+08:00");
  const opened = await openRound(
    await actorForRole("ADMIN"),
    { name: "矩阵测试轮次", period: "2025年第三季度", deadline: "2025-09-30", itemIds: [youth.id] },
    openedAt,
  );
  roundId = opened.round.id;
  closingRoundId = (
    await openRound(
      await actorForRole("ADMIN"),
      { name: "矩阵结束测试轮次", period: "2025年第三季度", deadline: "2025-09-30", itemIds: [youth.id] },
      openedAt,
    )
  ).round.id;
  reportId = (await db.progressReport.findFirstOrThrow({ where: { roundId, unitId: await unitId("市教育局") } })).id;
  attachmentId = await attachmentOnReport("证明材料.pdf");
  workItemId = (await createWorkItem(await actorForRole("ADMIN"), await workItemInput("youth.m3", { title: "矩阵测试用工作任务" }))).id;
  // An ADMIN account is created only on an auditor's approval (or the console): written directly here.
  await db.user.create({
    data: {
      username: "mustchange",
      displayName: "待改密",
      role: "ADMIN",
      mustChangePassword: true,
      passwordHash: (await db.user.findUniqueOrThrow({ where: { username: "kxadmin" } })).passwordHash,
    },
  });
});

/** Calls `entry` as `actor`; a refusal must change nothing and leave one DENIED record under `deniedAction`. */
async function expectOutcome(entry: EntryPoint, actor: Actor | null, expected: Outcome, deniedAction: string) {
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
      action: deniedAction,
      result: "DENIED",
      actorUsername: actor?.username ?? null,
    });
  }
}

describe("access matrix", () => {
  for (const subject of ACTORS) {
    describe(`as ${subject.label}`, () => {
      for (const entry of ENTRY_POINTS) {
        const expected = expectedOutcome(subject.column, entry.name);
        it(`${entry.name} is ${expected ?? "missing from EXPECTED_TABLE"}`, async () => {
          expect(expected, `no row for ${entry.name} in EXPECTED_TABLE`).toBeDefined();
          await expectOutcome(entry, await subject.load(), expected!, entry.action);
        });
      }
    });
  }
});

/**
 * Ownership: a liaison holds report:read and report:write, but for their own unit's reports
 * only. Every case acts on 市教育局's report in the matrix round (jyj's unit, a lead unit of its
 * item), that report's evidence, and 市教育局's timeline: wjw's 市卫生健康委 supports the same
 * item and owes a report of its own in the same round, futian's 福田区 has no part in it. The
 * mark-as-read cases act on a message in jyj's inbox. Written out by hand like EXPECTED_TABLE.
 */
const OWNERSHIP_TABLE = `
| entry point on 市教育局's report | jyj | wjw | futian |
| ------------------------------ | :-: | :-: | :----: |
| getReport                      |  ✓  |  –  |   –    |
| getAssessmentScore(市教育局)    |  ✓  |  –  |   –    |
| saveReport(draft)              |  ✓  |  –  |   –    |
| saveReportAction(draft)        |  ✓  |  –  |   –    |
| addAttachment                  |  ✓  |  –  |   –    |
| uploadAttachmentAction         |  ✓  |  –  |   –    |
| deleteAttachment               |  ✓  |  –  |   –    |
| removeAttachmentAction         |  ✓  |  –  |   –    |
| downloadAttachment             |  ✓  |  –  |   –    |
| GET /attachments/[id]          |  ✓  |  –  |   –    |
| GET /attachments/[id]/preview  |  ✓  |  –  |   –    |
| unitTimeline                   |  ✓  |  –  |   –    |
| roundWorkbook(市教育局)         |  ✓  |  –  |   –    |
| GET /rounds/[id]/workbook      |  ✓  |  –  |   –    |
| previewReportImport            |  ✓  |  –  |   –    |
| getReportImport                |  ✓  |  –  |   –    |
| applyReportImport              |  ✓  |  –  |   –    |
| applyReportImportAction        |  ✓  |  –  |   –    |
| discardReportImport            |  ✓  |  –  |   –    |
| discardReportImportAction      |  ✓  |  –  |   –    |
| markRead(jyj's message)        |  ✓  |  –  |   –    |
| markReadAction(jyj's message)  |  ✓  |  –  |   –    |
`;

const OWNERS = ["jyj", "wjw", "futian"] as const;
const OWNER_UNIT: Record<(typeof OWNERS)[number], string> = { jyj: "市教育局", wjw: "市卫生健康委", futian: "福田区" };

function parseOwnership(table: string): { name: string; allowed: readonly boolean[] }[] {
  const lines = table
    .trim()
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => cell.trim()),
    );
  const [header = [], , ...rows] = lines;
  if (JSON.stringify(header.slice(1)) !== JSON.stringify(OWNERS)) throw new Error(`OWNERSHIP_TABLE header is ${JSON.stringify(header)}`);
  return rows.map(([name = "", ...marks]) => {
    if (!name || marks.length !== OWNERS.length || marks.some((mark) => mark !== "✓" && mark !== "–"))
      throw new Error(`OWNERSHIP_TABLE row ${name}`);
    return { name, allowed: marks.map((mark) => mark === "✓") };
  });
}

/** The message in jyj's inbox the mark-as-read ownership cases act on, fresh for each case. */
let jyjMessageId = 0;
const jyjMessage = async () => void (jyjMessageId = await unreadMessageOf(await actorFor("jyj")));

/** The ownership cases are the matrix's own calls (on 市教育局's report), plus someone else's message. */
const OWNERSHIP_ENTRY_POINTS: EntryPoint[] = [
  ...ENTRY_POINTS,
  { name: "markRead(jyj's message)", action: "inbox.mark_read", prepare: jyjMessage, call: data((a) => markRead(a, jyjMessageId)) },
  {
    name: "markReadAction(jyj's message)",
    action: "inbox.mark_read",
    prepare: jyjMessage,
    call: action(() => markReadAction(null, form({ messageId: jyjMessageId }))),
  },
];

describe("a liaison acts on their own unit's reports only", () => {
  for (const row of parseOwnership(OWNERSHIP_TABLE)) {
    const entry = OWNERSHIP_ENTRY_POINTS.find((candidate) => candidate.name === row.name);
    OWNERS.forEach((username, index) => {
      const expected: Outcome = row.allowed[index] ? "allowed" : "denied";
      it(`${row.name} as ${username} is ${expected}`, async () => {
        expect(entry, `no entry point named ${row.name}`).toBeDefined();
        // futian is also the account the user-management cases act on, and a password reset
        // leaves it with a temporary password: clear that, or the gate would refuse before the
        // ownership check is reached. All three then hold the same rights: only the unit differs.
        await db.user.update({ where: { username }, data: { mustChangePassword: false } });
        const actor = await actorFor(username);
        expect(actor).toMatchObject({ role: "LIAISON", unitName: OWNER_UNIT[username], mustChangePassword: false });
        await expectOutcome(entry!, actor, expected, entry!.action);
      });
    });
  }
});

/**
 * unreadCount has no row: it is the header badge every signed-in page renders (AppShell), not
 * an access-checked entry point. It checks no permission and records nothing; it counts the
 * caller's own unread messages (their own inbox is open to everyone signed in, account:self,
 * even before a required password change) and answers 0 for nobody instead of refusing. What
 * it must never do is count anyone else's messages, or write to the audit trail on every page.
 */
/**
 * A district liaison (futian, 福田区) may import their own district's plan only: confirming CAST's
 * pending import of 罗湖区's plan is refused, audited and changes nothing; their own is allowed.
 */
describe("a district liaison imports their own district's plan only", () => {
  const districtWorkbook = (code: string, district: string) => {
    const spec = smallPlan(code, { indicators: [], goals: [] });
    Object.assign(spec.plan, { 规划类型: "区实施方案", 所属区: district, 标题: `示例：${district}实施方案` });
    return writeWorkbook(spec);
  };
  for (const [district, expected] of [
    ["罗湖区", "denied"],
    ["福田区", "allowed"],
  ] as const) {
    it(`confirming a ${district} plan's import as futian is ${expected}`, async () => {
      await db.user.update({ where: { username: "futian" }, data: { mustChangePassword: false } });
      const code = `matrix-district-${++counter}`;
      const importId = (
        await previewPlanImport(await actorForRole("ADMIN"), { fileName: "区.xlsx", bytes: await districtWorkbook(code, district) })
      ).importId;
      // Only the uploader or CAST may confirm: hand the import to futian, as their own upload would be.
      await db.planImport.update({ where: { id: importId }, data: { createdById: (await actorFor("futian")).userId } });
      await expectOutcome(
        { name: "applyPlanImport", action: "plan.import", call: data((a) => applyPlanImport(a, { importId })) },
        await actorFor("futian"),
        expected,
        "plan.import",
      );
    });
  }
});

describe("unreadCount, the header badge", () => {
  for (const subject of ACTORS) {
    it(`as ${subject.label} counts only the caller's own unread messages, quietly`, async () => {
      const actor = await subject.load();
      const auditBefore = await lastAuditId();
      if (!actor) {
        expect(await unreadCount(null)).toBe(0);
      } else {
        const before = await unreadCount(actor);
        await unreadMessageOf(await actorFor(actor.username === "wjw" ? "futian" : "wjw"));
        const own = await unreadMessageOf(actor);
        expect(await unreadCount(actor)).toBe(before + 1);
        await db.inboxMessage.update({ where: { id: own }, data: { readAt: new Date() } });
        expect(await unreadCount(actor)).toBe(before);
      }
      expect(await auditSince(auditBefore)).toEqual([]);
    });
  }
});

/**
 * Exported functions of lib/<feature>/server* and lib/**\/actions*, and route handlers, that
 * need no row, and why. Everything else these modules export must be called by the matrix.
 */
const EXCLUDED: Record<string, string> = {
  // Take no actor: building blocks that run only inside an entry point, after its check.
  effectiveAssignments: "an item's lead and supporting units, for getPlanItem and openRound after their own check",
  assertEditable: "pure: whether a report may still change (round open, state editable)",
  reportLight: "pure: a report's traffic light from its state and the deadline",
  summarizeCounts: "pure: the light summary of reports grouped by state and status",
  lightCondition: "pure: a traffic light as a database condition, for searchReports after its check",
  notifyUnit: "writes inbox messages inside the transaction of a checked operation (review, chase)",
  writeReview: "writes one approval or return inside the transaction of reviewReport or approveReports, after their check",
  onTimeRanking: "part of getDashboard, after its check",
  assembleEvaluation: "总结评估's grouped figures, inside openEvaluation / refreshFigures after their check",
  yearFigures:
    "年度考核's grouped counts, inside createAssessmentYear / updateAssessmentRules / computeAssessment / finaliseAssessment after their check",
  dashboardBuilds: "a counter of this process's dashboard builds, for tests",
  storeAttachment: "the file store under addAttachment",
  readAttachment: "the file store under downloadAttachment",
  removeAttachment: "the file store under deleteAttachment",
  mailSettings: "mail delivery configuration from the environment",
  deliverPendingMail: "mail delivery: sends queued inbox messages, after the request or at boot, on nobody's behalf",
  deliverPendingMailQuietly: "mail delivery, as above, errors logged",
  audit: "writes an audit record: the trail itself",
  appendAudit: "writes an audit record inside a transaction: the trail itself",
  storePrivilegedRequest:
    "stores a privileged request inside the transaction of createUser, updateUser or resetPassword, after their check (三员分立)",
  assertAnAuditorRemains: "the last-auditor rule inside the transaction of a checked account change",
  verifyAuditChain: "checks the hash chain, for verifyAuditTrail after its check and for scripts/audit-verify.ts",
  // Open to anyone by design: the public progress page (the plan asks for progress to be published
  // for public supervision) and the interface language.
  getPublicProgress: "the public /progress page, for anyone: approved reports only, deliberately narrow",
  // 公众评价 on the public page: anonymous by design (no personal data, no session), defended by the
  // per-address limit, honeypot and signed fill time instead (tests/integration/public-feedback.test.ts).
  submitPublicFeedback:
    "an anonymous visitor's rating and comment on /progress: open to anyone by design, rate-limited per address and audited",
  "POST /progress/feedback": "the public rating form's target (no JavaScript needed): anyone may rate; calls submitPublicFeedback",
  getPublicFeedback: "the ratings and approved comments shown on the public /progress page, for anyone",
  buildPublicFeedback: "builds what getPublicFeedback serves (its uncached half): for anyone, approved comments only",
  ratingSummaryBySection:
    "counts and averages of public ratings per section (public figures): for feedbackOverview and the summary evaluation after their own check",
  takeFeedbackSlot: "the per-address limit inside submitPublicFeedback",
  buildPublicProgress: "builds what getPublicProgress serves (its uncached half): for anyone, approved reports only",
  publicProgressBuilds: "a counter of getPublicProgress's builds in this process, for tests and benchmarks: no data",
  // The public page's HTML cache answered below Next.js (lib/outputs/server/public-page-server.ts):
  // only anonymous full-document GETs of /progress, from a copy rendered without any cookie.
  servePublicPage:
    "answers a GET of /progress from the HTML of the public page rendered with no cookie (tests/integration/public-page-server.test.ts): for anyone",
  publicPageHook: "the request hook of servePublicPage: which requests it is offered (GETs of /progress)",
  installRequestHooks: "installs the request hooks at boot (instrumentation.ts): no data",
  // The health check answered below Next.js (lib/core/server/health-hook.ts): the same answer as GET /api/health.
  healthHook: "the request hook of the health check: which requests it is offered (GET and HEAD of /api/health)",
  serveHealth:
    "answers GET /api/health below Next.js: for anyone, like the route (counts and states only, no names; tests/integration/health.test.ts)",
  healthAnswer: "pure: the health report as the route and the hook send it",
  // Turns for the requests Next.js answers (lib/core/server/request-hooks.ts): order, not access.
  RequestTurns: "pure: at most N requests at a time go on to Next.js in a process, the others wait in order; no data",
  requestConcurrency: "pure: SERVER_REQUEST_CONCURRENCY read with its default",
  waitsForTurn: "pure: whether a request waits for a turn (not static files, not the public page's own render)",
  awaitTurn: "waits for a turn for a request about to go to Next.js, which then checks it as always: no data",
  isPublicPageRender: "pure: whether a request is this deployment's own render of the public page (the render secret)",
  combinedHook: "pure: offers a request to the first of several hooks that wants it",
  sendCachedPage: "writes a kept copy as the answer, after its caller's own check (servePublicPage, serveSessionPage): no data of its own",
  sharedPublicPage: "this process's cache of the public page's HTML, shared by proxy.ts and the hook: no data of its own",
  nodeRequestView: "pure: a Node.js request as the cache's rules read it",
  // The signed-in pages' per-session copies answered below Next.js (lib/outputs/server/page-cache-server.ts).
  serveSessionPage:
    "answers a signed-in page only to the session its copy was rendered for, after resolveSession's check on every request; a copy is rendered as that visitor with their own cookies, so every page's own access checks ran (tests/integration/page-cache-server.test.ts)",
  sessionPageHook:
    "the request hook of serveSessionPage: which requests it is offered (GETs of the kept pages with a session cookie, documents and client-side navigations)",
  sharedSessionPages: "this process's per-session page cache: no data of its own",
  renderWithCookies: "renders a page through this server as the visitor (their cookies): the page's own checks apply",
  sessionIdOf: "pure: the session id in a next-auth cookie signed by this deployment, checked by resolveSession before use",
  cachedPageRequest: "pure: whether a request is a GET of a kept page a copy may answer (document or client-side navigation)",
  literacyOverview: "the citywide literacy indicator, shown on the public /progress page and the dashboard",
  setLocale: "the language switcher, also on the sign-in page: it sets only the caller's own locale cookie, no data",
  // Take an actor, but are not entry points of their own.
  writeReport:
    "the one write of a report's save or submission, inside the transaction of saveReport or applyReportImport after their checks",
  checkReportForm: "pure: the report form's schema, applied by saveReport and applyReportImport before they write",
  loadOwnReport:
    "the ownership check of saveReport, addAttachment and deleteAttachment, parameterised by their operation; the ownership cases above exercise it through them",
  loadReadableReport:
    "the read rule of getReport, downloadAttachment and the preview route (report.read); the matrix and the ownership cases exercise it through them",
  unreadCount: "the header badge: no permission and no audit, 0 for nobody; see its own describe above",
  mayEditPlan: "pure: the own-district and ended-plan rule of every plan write, after its authorize",
  assertMayEditPlan: "the own-district and ended-plan check of every plan write, after its authorize; exercised through them",
  planSnapshot: "reads a plan inside the transaction of a checked publish or import",
  recordPlanVersion: "writes a plan version inside the transaction of a checked publish or import",
  visiblePlans: "pure: the draft-visibility condition of every plan read, after its authorize",
  mayReadPlan: "pure: the draft-visibility rule for one plan, after its authorize",
  mayCreatePlan: "a yes/no for showing 新建规划 on /plans: reads the actor's own unit type only, no data of anyone else",
  itemSnapshot: "reads an item inside the transaction of a checked item write, for its revision",
  recordChange: "writes a revision and its audit record inside the transaction of a checked item write",
  checkReferences: "validates dates, phase and units inside the transaction of a checked item write",
  replaceAssignments: "writes an item's units inside the transaction of a checked item write",
  planOfItem: "reads an item's plan for the edit rule of a checked item write",
  claimItemVersion: "the optimistic-concurrency update inside the transaction of a checked item write",
  mayImportPlans: "whether a page offers the import link: no data, no audit; every import function checks for itself",
  currentMasterPlanId: "which master plan is current: part of the overview, dashboard and indicator reads, after their check",
  periodIsOver: "pure: whether a plan's last year lies before this year in Shenzhen",
  shenzhenYear: "pure: this calendar year in Shenzhen",
  // Route handlers public by design.
  "GET /api/auth/[...nextauth]": "NextAuth's sign-in, sign-out, session and CSRF endpoints: signing in is what they are for",
  "POST /api/auth/[...nextauth]": "NextAuth's sign-in and sign-out: signing in is what they are for",
  "GET /api/health": "the health check for the load balancer: counts only, no business data",
  findUnitByAnyName:
    "resolves a current or former unit name (following merges) inside the checked operation that reads names, e.g. a plan import",
};

const ROOT = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function filesUnder(dir: string): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .map((file) => path.join(dir, file))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
}

/** Every exported function of the data layer and the server actions, and every route handler, as "name (file)". */
async function entryPointsInCode(): Promise<{ name: string; file: string }[]> {
  const modules = filesUnder("lib").filter((file) => /^lib\/[^/]+\/(server(\.ts$|\/)|(.*\/)?actions(\.ts$|\/))/.test(file));
  const routes = filesUnder("app").filter((file) => path.basename(file) === "route.ts");
  const found: { name: string; file: string }[] = [];
  for (const file of modules) {
    const exports: Record<string, unknown> = await import(/* @vite-ignore */ path.join(ROOT, file));
    for (const [name, value] of Object.entries(exports)) if (typeof value === "function") found.push({ name, file });
  }
  for (const file of routes) {
    const exports: Record<string, unknown> = await import(/* @vite-ignore */ path.join(ROOT, file));
    const url = `/${path
      .dirname(path.relative("app", file))
      .split(path.sep)
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .join("/")}`;
    for (const method of HTTP_METHODS) if (typeof exports[method] === "function") found.push({ name: `${method} ${url}`, file });
  }
  return found;
}

describe("every entry point is in the matrix or excluded with a reason", () => {
  it("leaves no exported function of lib/*/server*, lib/**/actions* or app/**/route.ts unaccounted for", async () => {
    const found = await entryPointsInCode();
    const names = found.map((entry) => entry.name);
    // The scan finds what the matrix already calls: it reads the right folders.
    expect(names).toEqual(expect.arrayContaining(["getReport", "saveReportAction", "GET /audit/export", "GET /attachments/[id]"]));
    const called = new Set(OWNERSHIP_ENTRY_POINTS.map((entry) => entry.name.replace(/\(.*\)$/, "")));
    const unaccounted = found
      .filter((entry) => !called.has(entry.name) && !(entry.name in EXCLUDED))
      .map((entry) => `${entry.name} (${entry.file})`);
    expect(unaccounted, "entry points with neither a row in EXPECTED_TABLE nor a reason in EXCLUDED").toEqual([]);
    expect(
      Object.keys(EXCLUDED).filter((name) => !names.includes(name)),
      "EXCLUDED names nothing exported",
    ).toEqual([]);
    expect(
      Object.keys(EXCLUDED).filter((name) => called.has(name)),
      "both in the matrix and EXCLUDED",
    ).toEqual([]);
  });
});

describe("the expected table", () => {
  const duplicates = (names: string[]) => names.filter((name, index) => names.indexOf(name) !== index);

  it("has exactly one row for every entry point the matrix calls, and no row for anything else", () => {
    const rows = EXPECTED_ROWS.map((row) => row.name);
    const called = ENTRY_POINTS.map((entry) => entry.name);
    expect(duplicates(rows), "rows listed twice").toEqual([]);
    expect(duplicates(called), "entry points listed twice").toEqual([]);
    expect(
      called.filter((name) => !rows.includes(name)),
      "entry points without a row",
    ).toEqual([]);
    expect(
      rows.filter((name) => !called.includes(name)),
      "rows no entry point exercises",
    ).toEqual([]);
  });

  it("agrees with itself: entry points citing the same spec row allow the same roles", () => {
    const bySpec = new Map<string, string>();
    for (const row of EXPECTED_ROWS) {
      const roles = ROLES.filter((role) => row.allowed.has(role)).join(",");
      expect(bySpec.get(row.spec) ?? roles, `${row.name} (${row.spec})`).toBe(roles);
      bySpec.set(row.spec, roles);
    }
  });

  it("keeps duties separated and the password-change gate closed", () => {
    const allowedTo = (column: Column) => EXPECTED_ROWS.filter((row) => row.allowed.has(column)).map((row) => row.spec);
    // The account administrator and the auditor do no plan work, and neither touches the other's domain.
    expect(new Set(allowedTo("USER_ADMIN"))).toEqual(new Set(["account:self", "unit:read", "user:read", "user:manage"]));
    expect(new Set(allowedTo("AUDITOR"))).toEqual(new Set(["account:self", "audit:read", "audit:export", "account:approve"]));
    // Until the temporary password is changed, only the own account is open.
    expect(new Set(allowedTo("MUST_CHANGE"))).toEqual(new Set(["account:self"]));
  });
});

// These check lib/core/permissions.ts itself; the matrix above never consults it.
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

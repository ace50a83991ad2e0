/**
 * The portal at the size issue 16 targets, built fast: 1,500 work items under the current master
 * plan's measures (each with a lead and 0–2 supporters over the active units), 20 reporting rounds
 * over all of them (19 closed with past deadlines, the newest open) holding ≈60,000 reports in a
 * realistic mix of states with outputs, timeline events, chases and inbox messages, and ≈200,000
 * audit rows on a valid keyed hash chain.
 *
 * Rows are written directly (better-sqlite3 prepared statements in one transaction) into a seeded
 * database (the vitest template or `prepareDatabase`'s output), mirroring what the app writes:
 * `openRound` (lib/reporting/server/rounds.ts) creates one RoundItem per item in scope and one OWED
 * report per assignment with the unit's role; saves, submissions, reviews and chases fill the rest.
 * The audit rows continue the existing chain with lib/audit/chain.ts's own hash under the given key,
 * so `verifyAuditChain` holds.
 *
 * Every report text carries a marker naming its unit and whether it was approved —
 * 〔已审定U12〕 or 〔未审定U12〕 — so a test can prove that no page shows a non-approved report to the
 * public or another unit's report to a liaison (`markerFor`, `MARKER_PATTERN`).
 *
 * Returns the figures the pages should state (`ScaleFigures`). A fixed pseudo-random sequence, so
 * two builds are identical apart from dates relative to `now`.
 */
import Database from "better-sqlite3";
import { auditHash, GENESIS_HASH } from "@/lib/audit/chain";
import type { AuditKeyring } from "@/lib/audit/keys";
import { markerFor, SCALE, SCALE_ITEM_PREFIX, type ScaleFigures, type ScaleRound, type ScaleState } from "./scale-figures";

export * from "./scale-figures";

function emptyStates(): Record<ScaleState, number> {
  return { OWED: 0, DRAFT: 0, SUBMITTED: 0, RETURNED: 0, APPROVED: 0 };
}

/** mulberry32: a small, fixed pseudo-random sequence. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How Prisma's SQLite adapter stores a DateTime (timestampFormat iso8601). */
const iso = (date: Date) => date.toISOString().replace("Z", "+00:00");
const DAY = 86_400_000;
/** 00:00 in Shenzhen of the Shenzhen day that contains `date` (how deadlines are stored). */
function shenzhenDayStart(date: Date): Date {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()) - 8 * 3_600_000);
}
function quarterName(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return `${shifted.getUTCFullYear()}年第${["一", "二", "三", "四"][Math.floor(shifted.getUTCMonth() / 3)]}季度`;
}

function pickState(roll: number, open: boolean): ScaleState {
  // Closed rounds: mostly approved, some never reviewed or never sent; the open round: mostly under way.
  const mix: [ScaleState, number][] = open
    ? [
        ["OWED", 0.4],
        ["DRAFT", 0.25],
        ["SUBMITTED", 0.2],
        ["RETURNED", 0.05],
        ["APPROVED", 0.1],
      ]
    : [
        ["OWED", 0.12],
        ["DRAFT", 0.05],
        ["SUBMITTED", 0.08],
        ["RETURNED", 0.05],
        ["APPROVED", 0.7],
      ];
  let sum = 0;
  for (const [state, share] of mix) {
    sum += share;
    if (roll < sum) return state;
  }
  return "APPROVED";
}

const STATUSES = ["NOT_STARTED", "ON_TRACK", "ON_TRACK", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"] as const;
const AUDIT_ACTIONS: { action: string; objectType: string }[] = [
  { action: "report.read", objectType: "ProgressReport" },
  { action: "report.save", objectType: "ProgressReport" },
  { action: "report.submit", objectType: "ProgressReport" },
  { action: "report.approve", objectType: "ProgressReport" },
  { action: "report.return", objectType: "ProgressReport" },
  { action: "report.mine", objectType: "ProgressReport" },
  { action: "report.queue", objectType: "ProgressReport" },
  { action: "round.read", objectType: "ReportingRound" },
  { action: "dashboard.read", objectType: "Dashboard" },
  { action: "division.read", objectType: "Assignment" },
  { action: "plan_item.read", objectType: "PlanItem" },
  { action: "inbox.read", objectType: "InboxMessage" },
];

/**
 * Adds the target-size data to the seeded database in `file` (no other connection may be writing
 * it). `keyring` signs the audit rows: the key the server or test will verify with.
 */
export function buildScaleData(file: string, keyring: AuditKeyring, now = new Date()): ScaleFigures {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = ON");
  const rand = random(16);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  const plan = sqlite.prepare(`SELECT id, code FROM "Plan" WHERE isCurrent = 1`).get() as { id: number; code: string };
  const measures = sqlite
    .prepare(`SELECT id FROM "PlanItem" WHERE planId = ? AND kind = 'MEASURE' AND archivedAt IS NULL ORDER BY id`)
    .all(plan.id) as { id: number }[];
  const units = sqlite
    .prepare(`SELECT id, name FROM "Unit" WHERE deactivatedAt IS NULL AND mergedIntoId IS NULL ORDER BY sortOrder, id`)
    .all() as { id: number; name: string }[];
  const admin = sqlite.prepare(`SELECT id, username, displayName FROM "User" WHERE username = 'kxadmin'`).get() as {
    id: number;
    username: string;
    displayName: string;
  };
  const liaisons = sqlite.prepare(`SELECT id, unitId FROM "User" WHERE role = 'LIAISON' AND disabled = 0`).all() as {
    id: number;
    unitId: number;
  }[];
  if (!plan || measures.length === 0 || units.length < 3 || !admin)
    throw new Error("buildScaleData needs the seeded plan, units and demo accounts");

  const insertItem = sqlite.prepare(
    `INSERT INTO "PlanItem" (planId, parentId, kind, number, position, title, fullText, reportingCycle, version, createdAt, updatedAt)
     VALUES (?, ?, 'WORK_ITEM', ?, ?, ?, ?, 'QUARTERLY', 1, ?, ?)`,
  );
  const insertRevision = sqlite.prepare(
    `INSERT INTO "PlanItemRevision" (itemId, version, action, actorId, actorUsername, actorName, changedAt, after) VALUES (?, 1, 'CREATE', ?, ?, ?, ?, ?)`,
  );
  const insertAssignment = sqlite.prepare(`INSERT INTO "Assignment" (itemId, unitId, role, position) VALUES (?, ?, ?, ?)`);
  const insertRound = sqlite.prepare(
    `INSERT INTO "ReportingRound" (name, period, deadline, status, openedById, openedAt, closedAt, isDemo) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertRoundItem = sqlite.prepare(`INSERT INTO "RoundItem" (roundId, itemId) VALUES (?, ?)`);
  const insertReport = sqlite.prepare(
    `INSERT INTO "ProgressReport" (roundId, itemId, unitId, role, state, status, completion, workDone, problems, nextSteps,
       eventsHeld, peopleReached, submittedAt, reviewedAt, version, isDemo, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const insertOutput = sqlite.prepare(`INSERT INTO "ReportOutput" (reportId, name, value, unit, position) VALUES (?, ?, ?, ?, ?)`);
  const insertEvent = sqlite.prepare(
    `INSERT INTO "ReportEvent" (reportId, roundId, itemId, unitId, type, comment, actorId, actorName, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertChase = sqlite.prepare(
    `INSERT INTO "Chase" (roundId, unitId, level, message, actorId, actorName, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertInbox = sqlite.prepare(
    `INSERT INTO "InboxMessage" (userId, kind, title, body, params, link, createdAt, readAt, emailAttempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertAudit = sqlite.prepare(
    `INSERT INTO "AuditEvent" (id, occurredAt, actorId, actorUsername, actorRole, actorUnitId, actorUnitName, action, objectType, objectId,
       result, reason, details, ip, prevHash, hash, keyId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const figures: ScaleFigures = {
    planCode: plan.code,
    workItems: 0,
    firstWorkItemId: 0,
    assignments: 0,
    assignmentsByUnit: {},
    units,
    rounds: [],
    openRoundId: 0,
    reports: 0,
    byState: emptyStates(),
    openRoundByUnit: {},
    reportsByUnit: {},
    reviewQueue: 0,
    outputs: 0,
    events: 0,
    chases: 0,
    inboxByUser: {},
    auditRows: 0,
    auditByAction: {},
    auditSample: { objectType: "ProgressReport", objectId: "4999", count: 0 },
    sampleReportByUnit: {},
    openRoundReports: [],
    divisionRows: 0,
    divisionRowsByUnit: {},
    users: {},
  };
  for (const user of sqlite.prepare(`SELECT id, username, unitId FROM "User"`).all() as {
    id: number;
    username: string;
    unitId: number | null;
  }[])
    figures.users[user.username] = { id: user.id, unitId: user.unitId };
  for (const unit of units) {
    figures.assignmentsByUnit[unit.id] = 0;
    figures.openRoundByUnit[unit.id] = emptyStates();
    figures.reportsByUnit[unit.id] = emptyStates();
  }
  const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
  const liaisonsOf = (unitId: number) => liaisons.filter((liaison) => liaison.unitId === unitId);
  const addInbox = (unitId: number, kind: string, title: string, body: string, link: string, at: Date, read: boolean) => {
    for (const liaison of liaisonsOf(unitId)) {
      insertInbox.run(liaison.id, kind, title, body, null, link, iso(at), read ? iso(at) : null);
      figures.inboxByUser[liaison.id] = (figures.inboxByUser[liaison.id] ?? 0) + 1;
    }
  };

  sqlite.transaction(() => {
    // Work items: 50 under each measure, led round-robin over the units, 0–2 supporters each.
    const items: { id: number; title: string; units: { unitId: number; role: "LEAD" | "SUPPORT" }[] }[] = [];
    const created = new Date(now.getTime() - 6 * 365 * DAY);
    for (let index = 0; index < SCALE.workItems; index++) {
      const measure = measures[index % measures.length]!;
      const position = 100 + Math.floor(index / measures.length);
      const title = `${SCALE_ITEM_PREFIX}${index + 1}：开展科普进社区、进校园系列活动`;
      const { lastInsertRowid } = insertItem.run(
        plan.id,
        measure.id,
        `${index + 1}.`,
        position,
        title,
        `${title}（规模测试数据，非真实工作事项）`,
        iso(created),
        iso(created),
      );
      const id = Number(lastInsertRowid);
      if (index === 0) figures.firstWorkItemId = id;
      insertRevision.run(id, admin.id, admin.username, admin.displayName, iso(created), JSON.stringify({ title }));
      const lead = units[index % units.length]!.id;
      const assigned: { unitId: number; role: "LEAD" | "SUPPORT" }[] = [{ unitId: lead, role: "LEAD" }];
      const supporters = Math.floor(rand() * 3);
      while (assigned.length < supporters + 1) {
        const unitId = pick(units).id;
        if (!assigned.some((entry) => entry.unitId === unitId)) assigned.push({ unitId, role: "SUPPORT" });
      }
      assigned.forEach((entry, at) => {
        insertAssignment.run(id, entry.unitId, entry.role, at);
        figures.assignmentsByUnit[entry.unitId] = (figures.assignmentsByUnit[entry.unitId] ?? 0) + 1;
        figures.assignments++;
      });
      items.push({ id, title, units: assigned });
    }
    figures.workItems = items.length;

    // Rounds: 19 closed, a quarter apart with past deadlines, and the newest open, due in 30 days.
    for (let r = 0; r < SCALE.rounds; r++) {
      const open = r === SCALE.rounds - 1;
      const deadline = shenzhenDayStart(
        open ? new Date(now.getTime() + 30 * DAY) : new Date(now.getTime() - ((SCALE.rounds - 1 - r) * 91 + 20) * DAY),
      );
      const openedAt = new Date(deadline.getTime() - 30 * DAY);
      const closedAt = open ? null : new Date(deadline.getTime() + 10 * DAY);
      const period = quarterName(new Date(deadline.getTime() - 20 * DAY));
      const name = `${period}规模测试报送（第${r + 1}轮）`;
      const roundId = Number(
        insertRound.run(name, period, iso(deadline), open ? "OPEN" : "CLOSED", admin.id, iso(openedAt), closedAt && iso(closedAt))
          .lastInsertRowid,
      );
      const round: ScaleRound = { id: roundId, name, status: open ? "OPEN" : "CLOSED", reports: 0, byState: emptyStates() };
      if (open) figures.openRoundId = roundId;
      const lateUnits = new Set<number>();
      for (const item of items) {
        insertRoundItem.run(roundId, item.id);
        for (const { unitId, role } of item.units) {
          const state = pickState(rand(), open);
          const approved = state === "APPROVED";
          const filled = state !== "OWED";
          const sent = state === "SUBMITTED" || state === "APPROVED" || state === "RETURNED";
          const submittedAt = sent ? new Date(openedAt.getTime() + Math.floor(rand() * 28) * DAY + 3_600_000) : null;
          const reviewedAt = approved || state === "RETURNED" ? new Date(submittedAt!.getTime() + 2 * DAY) : null;
          const status = filled ? pick(STATUSES) : null;
          const completion = filled ? (status === "COMPLETED" ? 100 : Math.floor(rand() * 95)) : null;
          const marker = markerFor(unitId, approved);
          const updatedAt = reviewedAt ?? submittedAt ?? (filled ? new Date(openedAt.getTime() + DAY) : openedAt);
          const reportId = Number(
            insertReport.run(
              roundId,
              item.id,
              unitId,
              role,
              state,
              status,
              completion,
              filled ? `${unitName.get(unitId)}本季度围绕该事项开展科普活动，推进顺利${marker}` : "",
              filled && rand() < 0.3 ? `场地紧张，经费到位偏慢${marker}` : "",
              filled ? `下季度继续扩大覆盖面${marker}` : "",
              filled ? Math.floor(rand() * 20) : null,
              filled ? Math.floor(rand() * 5000) : null,
              submittedAt && iso(submittedAt),
              reviewedAt && iso(reviewedAt),
              filled ? (state === "DRAFT" ? 2 : state === "RETURNED" ? 3 : 4) : 1,
              iso(updatedAt),
            ).lastInsertRowid,
          );
          round.reports++;
          round.byState[state]++;
          figures.byState[state]++;
          figures.reportsByUnit[unitId]![state]++;
          if (open) {
            figures.openRoundByUnit[unitId]![state]++;
            figures.sampleReportByUnit[unitId] ??= reportId;
            figures.openRoundReports.push({ id: reportId, itemId: item.id, unitId, role, state });
          }
          if (state === "SUBMITTED") figures.reviewQueue++;
          if (state === "OWED" || state === "DRAFT" || state === "RETURNED") lateUnits.add(unitId);
          if (filled && rand() < 0.3) {
            const outputs = 1 + Math.floor(rand() * 2);
            for (let position = 1; position <= outputs; position++) {
              insertOutput.run(
                reportId,
                position === 1 ? "科普讲座" : "科普展览",
                1 + Math.floor(rand() * 30),
                position === 1 ? "场" : "次",
                position,
              );
              figures.outputs++;
            }
          }
          if (submittedAt) {
            insertEvent.run(reportId, roundId, item.id, unitId, "SUBMITTED", null, null, null, iso(submittedAt));
            figures.events++;
          }
          if (reviewedAt) {
            const comment = approved ? null : `请补充活动覆盖人数的统计口径。${markerFor(unitId, false)}`;
            insertEvent.run(
              reportId,
              roundId,
              item.id,
              unitId,
              approved ? "APPROVED" : "RETURNED",
              comment,
              admin.id,
              admin.displayName,
              iso(reviewedAt),
            );
            figures.events++;
            if (!approved || rand() < 0.05) {
              const kind = approved ? "APPROVED" : "RETURNED";
              const params = JSON.stringify({ item: item.title, round: name, comment });
              const title = approved ? `报告已通过：${item.title}` : `报告被退回：${item.title}`;
              for (const liaison of liaisonsOf(unitId)) {
                insertInbox.run(
                  liaison.id,
                  kind,
                  title,
                  comment ?? "",
                  params,
                  `/reports/${reportId}`,
                  iso(reviewedAt),
                  open ? null : iso(reviewedAt),
                );
                figures.inboxByUser[liaison.id] = (figures.inboxByUser[liaison.id] ?? 0) + 1;
              }
            }
          }
        }
      }
      // Chases: a reminder to a handful of late units, 催办 to a few of them.
      const late = [...lateUnits].sort((a, b) => a - b).slice(0, 8);
      const chasedAt = new Date(deadline.getTime() - 3 * DAY);
      for (const [index, unitId] of late.entries()) {
        for (const level of index < 3 ? (["REMIND", "URGE"] as const) : (["REMIND"] as const)) {
          const message = `请于截止日期前完成《${name}》的报送。`;
          insertChase.run(roundId, unitId, level, message, admin.id, admin.displayName, iso(chasedAt));
          figures.chases++;
          addInbox(unitId, level, `【${level === "REMIND" ? "提醒" : "催办"}】${name}：待报送`, message, "/my-tasks", chasedAt, !open);
        }
      }
      figures.rounds.push(round);
      figures.reports += round.reports;
    }

    // The audit trail: continue the chain with realistic reads and writes, oldest first.
    const last = sqlite.prepare(`SELECT id, hash, keyId FROM "AuditEvent" ORDER BY id DESC LIMIT 1`).get() as
      { id: number; hash: string; keyId: string | null } | undefined;
    if (last && last.keyId === null) throw new Error("buildScaleData continues a keyed audit chain only");
    let id = last?.id ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const lastAt = last
      ? new Date((sqlite.prepare(`SELECT occurredAt FROM "AuditEvent" WHERE id = ?`).get(last.id) as { occurredAt: string }).occurredAt)
      : null;
    const actors = [
      { actorId: admin.id, actorUsername: "kxadmin", actorRole: "ADMIN", actorUnitId: null, actorUnitName: null },
      ...liaisons.map((liaison) => ({
        actorId: liaison.id,
        actorUsername: (sqlite.prepare(`SELECT username FROM "User" WHERE id = ?`).get(liaison.id) as { username: string }).username,
        actorRole: "LIAISON",
        actorUnitId: liaison.unitId,
        actorUnitName: unitName.get(liaison.unitId) ?? null,
      })),
    ];
    // Spread over the last two years, strictly after the newest existing row, ending before `now`.
    const start = Math.max(now.getTime() - 730 * DAY, (lastAt?.getTime() ?? 0) + 1000);
    const step = Math.max(1, Math.floor((now.getTime() - 60_000 - start) / SCALE.auditRows));
    for (let n = 0; n < SCALE.auditRows; n++) {
      id++;
      const { action, objectType } = AUDIT_ACTIONS[n % AUDIT_ACTIONS.length]!;
      const actor = actors[n % actors.length]!;
      const content = {
        id,
        occurredAt: new Date(start + n * step),
        ...actor,
        action,
        objectType,
        objectId: String(1 + (n % 5000)),
        result: "SUCCESS" as const,
        reason: null,
        details: null,
        ip: "10.20.30.40",
        prevHash,
        keyId: keyring.currentId,
      };
      const hash = auditHash(content, keyring);
      insertAudit.run(
        id,
        iso(content.occurredAt),
        content.actorId,
        content.actorUsername,
        content.actorRole,
        content.actorUnitId,
        content.actorUnitName,
        action,
        objectType,
        content.objectId,
        "SUCCESS",
        null,
        null,
        content.ip,
        prevHash,
        hash,
        keyring.currentId,
      );
      prevHash = hash;
    }
  })();

  figures.auditRows = (sqlite.prepare(`SELECT count(*) AS n FROM "AuditEvent"`).get() as { n: number }).n;
  for (const row of sqlite.prepare(`SELECT action, count(*) AS n FROM "AuditEvent" GROUP BY action`).all() as {
    action: string;
    n: number;
  }[])
    figures.auditByAction[row.action] = row.n;
  figures.auditSample.count = (
    sqlite
      .prepare(`SELECT count(*) AS n FROM "AuditEvent" WHERE objectType = ? AND objectId = ?`)
      .get(figures.auditSample.objectType, figures.auditSample.objectId) as {
      n: number;
    }
  ).n;
  const divisionItems = `SELECT count(*) AS n FROM "PlanItem" i JOIN "Plan" p ON p.id = i.planId
    WHERE i.archivedAt IS NULL AND p.kind <> 'DISTRICT' AND EXISTS (SELECT 1 FROM "Assignment" a WHERE a.itemId = i.id`;
  figures.divisionRows = (sqlite.prepare(`${divisionItems})`).get() as { n: number }).n;
  const byUnit = sqlite.prepare(`${divisionItems} AND a.unitId = ?)`);
  for (const unit of units) figures.divisionRowsByUnit[unit.id] = (byUnit.get(unit.id) as { n: number }).n;
  const problems = sqlite.pragma("foreign_key_check") as unknown[];
  if (problems.length > 0) throw new Error(`buildScaleData broke ${problems.length} foreign keys`);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return figures;
}

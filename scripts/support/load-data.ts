/**
 * The target-size database of issue 16 for `npm run bench:load`: tmp/bench/<name>.db with the real
 * plan, the demo accounts and history, then, through the app's own code paths:
 *
 * - work items under the master plan's measures (`createItem`, audited) until it holds
 *   LOAD_TARGET.workItems, each with a lead unit and 0–2 supporting units, leads taken in turn over
 *   every active unit;
 * - LOAD_TARGET.rounds quarterly rounds over all those items (`openRound`), the newest open with a
 *   deadline a month ahead, the others in the past and closed afterwards (`setRoundClosed`);
 * - the reports of the three units with a liaison account (市教育局, 市卫生健康委, 福田区: about 7 % of
 *   all) moved through the workflow by the app: `saveReport` (draft or submit) as that liaison and
 *   `reviewReport` (approve or return) as CAST, so their history, events and audit rows are real;
 * - the reports of every other unit (no account can write them) get the same fixed pseudo-random
 *   outcome written directly (state, status, completion, text, submission time), as `npm run bench`
 *   does: going through the app for all 60,000 would take far longer than the 10 minutes this build
 *   may take on the shared machine;
 * - the audit trail topped up to LOAD_TARGET.auditRows with realistic read events (workbook
 *   downloads, report searches, refused reads) through `appendAudit`, in batches of one transaction
 *   each, so the hash chain stays valid (`verifyAuditChain` is run at the end).
 *
 * Every synthetic text says 基准测试数据. The sequence is fixed, so two builds make the same data.
 * The file is reused while its stamp (`<file>.stamp`) names LOAD_DATA_VERSION and every migration it
 * was built with is still committed (newer ones are applied by `npm start`); BENCH_LOAD_REBUILD=1
 * forces a rebuild. The server started on it must use the same audit key: LOAD_AUDIT_KEY.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

/** Bump when what the builder makes changes: an older file is then rebuilt. */
export const LOAD_DATA_VERSION = 1;

export const LOAD_TARGET = { workItems: 1500, rounds: 20, auditRows: 200_000 } as const;

/** How many of the topped-up audit rows go through appendAudit one by one (see step 3). */
const AUDIT_THROUGH_APP = 20_000;

/** The audit chain's key for the scratch file: the builder and the server under test sign with it. */
export const LOAD_AUDIT_KEY = "bench-load-only-audit-key-not-for-any-real-deployment";
export const LOAD_SECRET = "bench-load-only-secret-not-for-any-real-deployment-0123456789";

/** The units whose liaisons are demo accounts: their reports go through the app's own workflow. */
export const LIAISONS = ["jyj", "wjw", "futian"] as const;

export interface LoadDatabase {
  file: string;
  databaseUrl: string;
  built: boolean;
  buildSeconds: number | null;
  counts: { workItems: number; reports: number; rounds: number; auditRows: number };
}

interface Stamp {
  version: number;
  /** The migrations the file was built with: one renamed or removed since makes it unusable. */
  migrations?: string[];
  counts: LoadDatabase["counts"];
  buildSeconds: number;
}

/** The committed migrations (prisma/migrations/<name>/): `npm start` applies those the file lacks. */
function migrationNames(): string[] {
  const folder = path.resolve("prisma/migrations");
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function stampFile(file: string) {
  return `${file}.stamp`;
}

function readStamp(file: string): Stamp | null {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile(file), "utf8")) as Stamp;
    const present = new Set(migrationNames());
    const migrationsKept = (stamp.migrations ?? []).every((name) => present.has(name));
    return stamp.version === LOAD_DATA_VERSION && migrationsKept && fs.existsSync(file) ? stamp : null;
  } catch {
    return null;
  }
}

/** The environment the builder and the server under test share (before any app module loads). */
export function loadEnvironment(file: string) {
  return {
    DATABASE_URL: `file:${file}`,
    AUDIT_HMAC_KEY: LOAD_AUDIT_KEY,
    NEXTAUTH_SECRET: LOAD_SECRET,
  };
}

/**
 * Builds tmp/bench/<name>.db at the target size, or reuses it when its stamp is current.
 * Sets DATABASE_URL (and the audit key) in this process: import app modules only after it.
 */
export async function loadDatabase(
  options: { name?: string; rebuild?: boolean; log?: (line: string) => void } = {},
): Promise<LoadDatabase> {
  const name = options.name ?? "load";
  const log = options.log ?? ((line: string) => console.log(line));
  const file = path.resolve(`tmp/bench/${name}.db`);
  Object.assign(process.env, loadEnvironment(file));
  const stamp = options.rebuild ? null : readStamp(file);
  if (stamp) {
    log(`reusing ${file} (built in ${stamp.buildSeconds.toFixed(0)} s; BENCH_LOAD_REBUILD=1 rebuilds)`);
    return { file, databaseUrl: `file:${file}`, built: false, buildSeconds: null, counts: stamp.counts };
  }
  fs.rmSync(stampFile(file), { force: true });
  const started = performance.now();
  const counts = await build(name, log);
  const buildSeconds = (performance.now() - started) / 1000;
  fs.writeFileSync(
    stampFile(file),
    JSON.stringify({ version: LOAD_DATA_VERSION, migrations: migrationNames(), counts, buildSeconds } satisfies Stamp),
  );
  log(`built ${file} in ${buildSeconds.toFixed(0)} s`);
  return { file, databaseUrl: `file:${file}`, built: true, buildSeconds, counts };
}

/** A fixed pseudo-random sequence (the same as `npm run bench`). */
export function sequence(start = 20251123) {
  let seed = start;
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

type Outcome = "OWED" | "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";

/** A past round's report ends mostly approved; the open round's is still being written. */
export function outcome(roll: number, open: boolean): Outcome {
  if (open) return roll < 0.3 ? "OWED" : roll < 0.5 ? "DRAFT" : roll < 0.8 ? "SUBMITTED" : roll < 0.95 ? "APPROVED" : "RETURNED";
  return roll < 0.55 ? "APPROVED" : roll < 0.7 ? "SUBMITTED" : roll < 0.8 ? "RETURNED" : roll < 0.9 ? "DRAFT" : "OWED";
}

const STATUSES = ["ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED", "NOT_STARTED"] as const;
const DAY = 86_400_000;

async function build(name: string, log: (line: string) => void): Promise<LoadDatabase["counts"]> {
  const phase = (label: string, since: number) => log(`  ${label}: ${((performance.now() - since) / 1000).toFixed(1)} s`);
  let since = performance.now();
  const { scratchDatabase } = await import("./bench-database");
  const { db, actor } = await scratchDatabase(name, { demoData: true });
  // A scratch file that is rebuilt when lost: no need to wait for the disk on every commit.
  await db.$executeRawUnsafe("PRAGMA synchronous = OFF");
  const { createItem } = await import("@/lib/plans/server/authoring");
  const { createItemSchema } = await import("@/lib/plans/schemas/authoring");
  const { openRound, setRoundClosed } = await import("@/lib/reporting/server/rounds");
  const { saveReport, reviewReport } = await import("@/lib/reporting/server/reports");
  const { reportFormSchema, reviewSchema } = await import("@/lib/reporting/schemas");
  const { appendAudit } = await import("@/lib/audit/server/record");
  const { auditHash, verifyAuditChain } = await import("@/lib/audit/chain");
  const { auditKeyring } = await import("@/lib/audit/keys");
  const { auditTarget } = await import("@/lib/core/operations");
  const { REPORTING_OPERATIONS } = await import("@/lib/reporting/operations");
  phase("database, plan, demo accounts and history", since);

  const admin = await actor("kxadmin");
  const liaisons = new Map(
    await Promise.all(LIAISONS.map(async (username) => [(await actor(username)).unitId!, await actor(username)] as const)),
  );
  const random = sequence();

  // 1. Work items under the master plan's measures, leads in turn over every active unit.
  since = performance.now();
  const master = await db.plan.findFirstOrThrow({ where: { kind: "MASTER", isCurrent: true }, select: { id: true } });
  const measures = await db.planItem.findMany({
    where: { planId: master.id, kind: "MEASURE", archivedAt: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const units = await db.unit.findMany({ where: { deactivatedAt: null }, orderBy: { id: "asc" }, select: { id: true } });
  const existing = await db.planItem.count({ where: { planId: master.id, kind: "WORK_ITEM", archivedAt: null } });
  for (let index = existing; index < LOAD_TARGET.workItems; index += 1) {
    const lead = units[index % units.length]!.id;
    const supporters = new Set<number>();
    const wanted = Math.floor(random() * 3);
    while (supporters.size < wanted) {
      const unit = units[Math.floor(random() * units.length)]!.id;
      if (unit !== lead) supporters.add(unit);
    }
    const input = createItemSchema.parse({
      kind: "WORK_ITEM",
      planId: master.id,
      parentId: measures[index % measures.length]!.id,
      number: `B${index + 1}`,
      title: `基准测试数据：工作事项${index + 1}`,
      taskStatement: "基准测试数据：组织开展科普活动，按季度报送进展。",
      dueDate: "2025-12-31",
      reportingCycle: "QUARTERLY",
      assignments: [{ unitId: lead, role: "LEAD" }, ...[...supporters].map((unitId) => ({ unitId, role: "SUPPORT" }))],
    });
    await createItem(admin, input, new Date("2021-12-01T02:00:00Z"));
  }
  const itemIds = (
    await db.planItem.findMany({ where: { planId: master.id, kind: "WORK_ITEM", archivedAt: null }, select: { id: true } })
  ).map((item) => item.id);
  phase(`${LOAD_TARGET.workItems - existing} work items (createItem)`, since);

  // 2. Rounds: quarterly, ending with the open one; each moved through the workflow as it happened.
  since = performance.now();
  const today = Date.now();
  let appWrites = 0;
  let directWrites = 0;
  for (let index = 0; index < LOAD_TARGET.rounds; index += 1) {
    const open = index === LOAD_TARGET.rounds - 1;
    const quartersBack = LOAD_TARGET.rounds - 1 - index;
    const deadlineDate = open ? new Date(today + 30 * DAY) : quarterEnd(new Date(today), quartersBack);
    const deadline = deadlineDate.toISOString().slice(0, 10);
    const openedAt = open ? new Date(today - 30 * DAY) : new Date(deadlineDate.getTime() - 30 * DAY);
    const { round } = await openRound(
      admin,
      { name: `基准测试数据：第${index + 1}轮`, period: `基准测试数据 ${deadline.slice(0, 7)}`, deadline, itemIds },
      open ? new Date(today) : openedAt,
    );
    const reports = await db.progressReport.findMany({
      where: { roundId: round.id },
      orderBy: { id: "asc" },
      select: { id: true, unitId: true, version: true },
    });
    const direct: { id: number; state: Outcome; submittedAt: Date | null }[] = [];
    for (const report of reports) {
      const state = outcome(random(), open);
      const status = STATUSES[Math.floor(random() * STATUSES.length)]!;
      const completion = status === "COMPLETED" ? 100 : Math.floor(random() * 100);
      const late = random() < 0.2;
      const submittedAt = open
        ? new Date(today - Math.floor(random() * 20) * DAY)
        : new Date(deadlineDate.getTime() + (late ? 3 : -2) * DAY);
      if (state === "OWED") continue;
      const liaison = liaisons.get(report.unitId);
      if (!liaison) {
        direct.push({ id: report.id, state, submittedAt: state === "DRAFT" ? null : submittedAt });
        continue;
      }
      const form = {
        reportId: report.id,
        version: report.version,
        status,
        completion,
        workDone: `基准测试数据：本季度开展科普活动${Math.floor(random() * 30) + 1}场，覆盖社区、学校和企业。`,
        problems: "基准测试数据：经费到位较慢。",
        nextSteps: "基准测试数据：下季度继续推进。",
        eventsHeld: Math.floor(random() * 30),
        peopleReached: Math.floor(random() * 5000),
      };
      const saved = await saveReport(
        liaison,
        reportFormSchema.parse({ ...form, intent: state === "DRAFT" ? "save" : "submit", submissionKey: `bench-${report.id}` }),
        submittedAt,
      );
      appWrites += 1;
      if (state === "APPROVED" || state === "RETURNED") {
        await reviewReport(
          admin,
          reviewSchema.parse({
            reportId: report.id,
            version: saved.version,
            decision: state === "APPROVED" ? "APPROVE" : "RETURN",
            comment: state === "RETURNED" ? "基准测试数据：请补充活动数据。" : "",
          }),
          new Date(submittedAt.getTime() + DAY),
        );
        appWrites += 1;
      }
    }
    await db.$transaction(
      async (tx) => {
        for (const report of direct) {
          await tx.progressReport.update({
            where: { id: report.id },
            data: {
              state: report.state,
              status: STATUSES[Math.floor(random() * STATUSES.length)],
              completion: Math.floor(random() * 101),
              workDone: "基准测试数据：开展科普活动若干场。".repeat(8),
              eventsHeld: Math.floor(random() * 30),
              peopleReached: Math.floor(random() * 5000),
              submittedAt: report.submittedAt,
              reviewedAt: report.state === "APPROVED" || report.state === "RETURNED" ? new Date(report.submittedAt!.getTime() + DAY) : null,
              version: { increment: report.state === "APPROVED" || report.state === "RETURNED" ? 2 : 1 },
            },
          });
        }
      },
      { timeout: 600_000 },
    );
    directWrites += direct.length;
    if (!open) await setRoundClosed(admin, { roundId: round.id, command: "close" }, new Date(deadlineDate.getTime() + 10 * DAY));
  }
  phase(
    `${LOAD_TARGET.rounds} rounds (openRound; ${appWrites} saveReport/reviewReport calls, ${directWrites} reports written directly)`,
    since,
  );

  // 3. The audit trail topped up with read events, chained like every other row: the first
  // AUDIT_THROUGH_APP through the app's appendAudit (one query for the head, one insert each), the
  // rest hashed with the app's own auditHash and inserted a batch at a time (appendAudit alone takes
  // about 8 minutes for 190,000 rows here). verifyAuditChain below proves the chain either way.
  since = performance.now();
  const auditRows = await db.auditEvent.count();
  const toAdd = Math.max(0, LOAD_TARGET.auditRows - auditRows);
  const rounds = (await db.reportingRound.findMany({ select: { id: true } })).map((round) => round.id);
  const unitIds = units.map((unit) => unit.id);
  const readers = [admin, ...liaisons.values()];
  const firstAt = today - 365 * DAY;
  const readEvent = (index: number) => {
    const at = new Date(firstAt + Math.floor((index / toAdd) * 364 * DAY));
    const reader = readers[Math.floor(random() * readers.length)]!;
    const roll = random();
    const entry =
      roll < 0.5
        ? {
            ...auditTarget(REPORTING_OPERATIONS.downloadWorkbook, rounds[Math.floor(random() * rounds.length)]),
            result: "SUCCESS" as const,
            details: { unitId: reader.unitId ?? unitIds[Math.floor(random() * unitIds.length)], note: "基准测试数据" },
          }
        : roll < 0.9
          ? {
              ...auditTarget(REPORTING_OPERATIONS.searchReports),
              result: "SUCCESS" as const,
              details: { q: "基准测试数据", unitId: unitIds[Math.floor(random() * unitIds.length)] },
            }
          : {
              ...auditTarget(REPORTING_OPERATIONS.readReport, 1 + Math.floor(random() * 60_000)),
              result: "DENIED" as const,
              reason: "not the unit's report",
            };
    return { entry: { ...entry, actor: reader, ip: "127.0.0.1" }, at };
  };
  const throughApp = Math.min(toAdd, AUDIT_THROUGH_APP);
  for (let done = 0; done < throughApp; done += 2000) {
    const count = Math.min(2000, throughApp - done);
    await db.$transaction(
      async (tx) => {
        for (let index = 0; index < count; index += 1) {
          const { entry, at } = readEvent(done + index);
          await appendAudit(tx, entry, at);
        }
      },
      { timeout: 600_000 },
    );
  }
  const keyring = auditKeyring();
  let head = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  for (let done = throughApp; done < toAdd; done += 1000) {
    const rows = [];
    for (let index = done; index < Math.min(toAdd, done + 1000); index += 1) {
      const { entry, at } = readEvent(index);
      // The fields appendAudit stores (lib/audit/chain.ts rowContent), hashed by the app's auditHash.
      const content = {
        id: head.id + 1,
        occurredAt: at,
        actorId: entry.actor.userId,
        actorUsername: entry.actor.username,
        actorRole: entry.actor.role,
        actorUnitId: entry.actor.unitId,
        actorUnitName: entry.actor.unitName,
        action: entry.action,
        objectType: entry.objectType ?? null,
        objectId: entry.objectId == null ? null : String(entry.objectId),
        result: entry.result,
        reason: "reason" in entry ? entry.reason : null,
        details: "details" in entry ? JSON.stringify(entry.details) : null,
        ip: entry.ip,
        prevHash: head.hash,
        keyId: keyring.currentId,
      };
      head = { id: content.id, hash: auditHash(content, keyring) };
      rows.push({ ...content, hash: head.hash });
    }
    await db.auditEvent.createMany({ data: rows });
  }
  phase(
    `${toAdd} audit rows (${throughApp} through appendAudit, ${toAdd - throughApp} hashed by auditHash and inserted in batches)`,
    since,
  );

  since = performance.now();
  const chain = await verifyAuditChain(db);
  if (!chain.ok) throw new Error(`the built audit chain is broken at ${chain.brokenAt} (${chain.problem})`);
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const counts = {
    workItems: itemIds.length,
    reports: await db.progressReport.count(),
    rounds: await db.reportingRound.count(),
    auditRows: await db.auditEvent.count(),
  };
  phase(`audit chain verified (${chain.count} rows)`, since);
  await db.$disconnect();
  return counts;
}

/** The last day of the quarter `back` quarters before the one holding `from` (UTC). */
export function quarterEnd(from: Date, back: number): Date {
  const quarter = Math.floor(from.getUTCMonth() / 3) - back;
  const year = from.getUTCFullYear() + Math.floor(quarter / 4);
  const month = ((quarter % 4) + 4) % 4;
  return new Date(Date.UTC(year, month * 3 + 3, 0));
}

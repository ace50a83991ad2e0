/**
 * npm run bench:report-import — how long a unit's 2,000-row round workbook (填报表) takes to read,
 * preview and apply.
 *
 * Builds a scratch database (tmp/bench/report-import.db, never the app's own) with the real plans
 * and the demo accounts, adds 2,000 work items led by 市教育局 under a section of the master plan
 * and opens a round over them through the app's own `openRound` (2,000 reports owed by the unit).
 * Then, as the unit's liaison (jyj): the workbook the portal gives (`roundWorkbook`, the download
 * behind 下载填报表), and the same rows written with every cell filled (`buildLedgerWorkbook`:
 * status, completion, three texts of a few hundred characters, two counts, an output), as a
 * liaison fills it offline. Timed: the parse alone, the upload → preview (`previewReportImport`),
 * and the confirm (`applyReportImport` in the page's batches of 100, submitting), with the peak
 * memory. Printed, not asserted: the machine is shared.
 */
import { performance } from "node:perf_hooks";
import { scratchDatabase, time } from "./support/bench-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
/** The page applies this many rows per call (components/reporting/ledger/ApplyImportForm.tsx). */
const BATCH = Number(process.env.BENCH_BATCH ?? 100);

const { file, db, actor } = await scratchDatabase("report-import", { demoData: false });
const { openRound } = await import("@/lib/reporting/server/rounds");
const { roundWorkbook } = await import("@/lib/reporting/server/ledger-export");
const { previewReportImport, applyReportImport } = await import("@/lib/reporting/server/ledger-import");
const { parseLedgerWorkbook } = await import("@/lib/reporting/ledger/parse");
const { buildLedgerWorkbook } = await import("@/lib/reporting/ledger/workbook");

const admin = await actor("kxadmin");
const liaison = await actor("jyj");
const unit = await db.unit.findUniqueOrThrow({ where: { id: liaison.unitId! }, select: { id: true, name: true } });

// 2,000 work items led by the unit, under one section of the master plan (synthetic, scratch file only).
const setupStarted = performance.now();
const section = await db.planItem.findFirstOrThrow({
  where: { kind: "SECTION", archivedAt: null, plan: { kind: "MASTER", status: "PUBLISHED" } },
  orderBy: { id: "asc" },
  select: { id: true, planId: true },
});
const last = await db.planItem.aggregate({ where: { parentId: section.id }, _max: { position: true } });
const first = last._max.position ?? 0;
await db.planItem.createMany({
  data: Array.from({ length: ROWS }, (_, index) => ({
    planId: section.planId,
    parentId: section.id,
    kind: "WORK_ITEM" as const,
    key: `bench.ledger.${index + 1}`,
    number: `（${index + 1}）`,
    position: first + index + 1,
    title: `基准工作事项${index + 1}：开展面向青少年的科学教育与科普实践活动`,
  })),
});
const items = await db.planItem.findMany({ where: { key: { startsWith: "bench.ledger." } }, select: { id: true } });
await db.assignment.createMany({ data: items.map((item) => ({ itemId: item.id, unitId: unit.id, role: "LEAD" as const })) });
const { round, reportsOwed } = await openRound(admin, {
  name: "基准测试：填报表导入",
  period: "2099年第一季度",
  deadline: "2099-03-31",
  itemIds: items.map((item) => item.id),
});
const setupSeconds = (performance.now() - setupStarted) / 1000;

// The portal's workbook, then the same rows with every cell filled, as the liaison sends it back.
const [download, downloadMs] = await time(() =>
  roundWorkbook(liaison, round.id, undefined).catch((error: unknown) => {
    console.error(`download (roundWorkbook) failed: ${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)}`);
    return null;
  }),
);
const reports = await db.progressReport.findMany({
  where: { roundId: round.id, unitId: unit.id },
  orderBy: { id: "asc" },
  select: { id: true, version: true, item: { select: { number: true, title: true } } },
});
const statuses = ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"] as const;
const filled = new Uint8Array(
  await buildLedgerWorkbook(
    { round: { id: round.id, name: round.name, period: round.period, deadline: round.deadline }, unit, generatedAt: new Date() },
    reports.map((report, index) => {
      const status = statuses[index % statuses.length]!;
      return {
        reportId: report.id,
        version: report.version,
        unitName: unit.name,
        itemNumber: report.item.number,
        itemTitle: report.item.title,
        role: "LEAD" as const,
        state: "OWED" as const,
        returnComment: null,
        values: {
          status,
          completion: status === "COMPLETED" ? 100 : (index * 7) % 100,
          workDone: `第${index + 1}项：${"本季度组织开展科学家精神进校园、科普讲座和青少年科技创新实践活动，覆盖全市中小学。".repeat(8)}`,
          problems: "部分学校场地和专业师资不足，活动经费需进一步落实。".repeat(6),
          nextSteps: "下一季度继续推进馆校合作，扩大科学教育实践基地覆盖面。".repeat(6),
          eventsHeld: index % 40,
          peopleReached: (index * 37) % 10_000,
          outputs: [{ name: "科普讲座", value: index % 12, unit: "场" }],
        },
      };
    }),
  ),
);

const [parsed, parseMs] = await time(() => parseLedgerWorkbook(filled));
const rowProblems = parsed.rows.reduce((sum, row) => sum + row.problems.length, 0);
if (parsed.problems.length > 0 || rowProblems > 0)
  throw new Error(JSON.stringify([...parsed.problems, ...parsed.rows.flatMap((row) => row.problems)].slice(0, 5)));
const [preview, previewMs] = await time(() => previewReportImport(liaison, { fileName: "基准测试-填报表.xlsx", bytes: filled }));
const batchTimes: number[] = [];
const [applied, applyMs] = await time(async () => {
  let result: Awaited<ReturnType<typeof applyReportImport>>;
  do {
    const started = performance.now();
    result = await applyReportImport(liaison, { importId: preview.importId, mode: "SUBMIT", limit: BATCH });
    batchTimes.push(performance.now() - started);
  } while (!result.done);
  return result;
});
const submitted = await db.progressReport.count({ where: { roundId: round.id, state: "SUBMITTED" } });
const [again, againMs] = await time(() => previewReportImport(liaison, { fileName: "基准测试-填报表.xlsx", bytes: filled }));
const againStored = await db.reportImport.findUniqueOrThrow({ where: { id: again.importId }, select: { rows: true } });
const againSaving = (JSON.parse(againStored.rows) as { result: string }[]).filter((row) => row.result === "SAVE").length;

const row = (label: string, ms: number) =>
  console.log(label.padEnd(48 - (label.match(/[^\x00-\xff]/g)?.length ?? 0)) + `${(ms / 1000).toFixed(2)} s`.padStart(10));
console.log(`\nscratch database: ${file}`);
console.log(`durability: synchronous=${process.env.DB_SYNCHRONOUS ?? "FULL"} (DB_SYNCHRONOUS; each commit waits for the disk under FULL)`);
console.log(`setup: ${ROWS} work items, round of ${reportsOwed} reports, ${setupSeconds.toFixed(1)} s`);
console.log(
  `workbook: ${parsed.rows.length} rows filled, ${(filled.byteLength / 1024).toFixed(0)} KB (the download: ${download ? `${download.rows} rows, ${(download.bytes.byteLength / 1024).toFixed(0)} KB` : "failed"})`,
);
row("download (roundWorkbook)", downloadMs);
row("parse only (parseLedgerWorkbook)", parseMs);
row("upload → preview (previewReportImport)", previewMs);
row(`confirm (applyReportImport, ${batchTimes.length} batches of ${BATCH})`, applyMs);
console.log(
  `  per batch: median ${(([...batchTimes].sort((a, b) => a - b)[Math.floor(batchTimes.length / 2)] ?? 0) / 1000).toFixed(2)} s, slowest ${(Math.max(...batchTimes) / 1000).toFixed(2)} s`,
);
row("whole import (preview + confirm)", previewMs + applyMs);
console.log(`applied: ${JSON.stringify(applied.counts)}; ${submitted} reports now submitted`);
row("same file again: preview", againMs);
console.log(`same file again: ${againSaving} rows would change`);
console.log(
  `memory: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB now, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
await db.$disconnect();

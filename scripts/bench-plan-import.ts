/**
 * npm run bench:plan-import — how long a 2,000-item plan workbook takes to check and import.
 *
 * Builds a scratch database (tmp/bench/plan-import.db, never the app's own) with the real plans and
 * the demo accounts, writes a synthetic workbook in the import format with exceljs (20 sections ×
 * 9 measures × 10 work items = 2,000 items, each work item with a lead and a supporting unit, a due
 * date and a cycle), then times, as CAST staff: the parse alone, the upload → preview (parse, checks
 * against the portal, stored as a pending import) and the confirm (one transaction), and the same
 * for a new version of that plan with 100 items changed and 20 left out. Printed, not asserted:
 * the machine is shared.
 */
import ExcelJS from "exceljs";
import { GOAL_HEADER, INDICATOR_HEADER, ITEM_HEADER, LINK_HEADER, PHASE_HEADER, PLAN_HEADER, SHEETS } from "@/lib/plans/import/format";
import { scratchDatabase, time } from "./support/bench-database";

const { file, db, actor } = await scratchDatabase("plan-import", { demoData: false });
const { parsePlanWorkbook } = await import("@/lib/plans/import/parse");
const { previewPlanImport, applyPlanImport } = await import("@/lib/plans/server/plan-import");

const admin = await actor("kxadmin");
const units = (await db.unit.findMany({ where: { type: { not: "DISTRICT_GOVERNMENT" } }, orderBy: { id: "asc" } })).map(
  (unit) => unit.name,
);

const SECTIONS = 20;
const MEASURES = 9;
const WORK_ITEMS = 10;

/** The workbook; `edit` changes every 18th work item's title and leaves out every 90th. */
async function workbook(edit: boolean): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = (name: string, header: readonly string[]) => {
    const added = book.addWorksheet(name);
    added.addRow([...header]);
    return added;
  };
  sheet(SHEETS.guide, ["项目", "说明"]);
  const info = sheet(SHEETS.plan, PLAN_HEADER);
  for (const row of [
    ["规划代码", "bench-2026-2030"],
    ["规划类型", "总体方案"],
    ["标题", "示例：基准测试规划（2,000 条）"],
    ["发文单位", "基准测试"],
    ["起始年度", 2026],
    ["截止年度", 2030],
  ])
    info.addRow(row);
  sheet(SHEETS.phases, PHASE_HEADER).addRow([1, "全面实施", 2026, 2030, ""]);
  const items = sheet(SHEETS.items, ITEM_HEADER);
  let count = 0;
  for (let s = 1; s <= SECTIONS; s++) {
    const section = `s${s}`;
    items.addRow([
      section,
      "",
      "任务",
      `（${s}）`,
      `基准任务${s}`,
      "任务表述",
      "",
      units[s % units.length],
      units[(s + 1) % units.length],
      "",
      null,
      null,
      "",
      "",
    ]);
    count++;
    for (let m = 1; m <= MEASURES; m++) {
      const measure = `${section}.m${m}`;
      items.addRow([
        measure,
        section,
        "措施",
        `${m}.`,
        `基准措施${s}-${m}`,
        "",
        "措施全文。".repeat(10),
        "",
        "",
        "全面实施",
        null,
        null,
        "",
        "",
      ]);
      count++;
      for (let w = 1; w <= WORK_ITEMS; w++) {
        count++;
        if (edit && count % 90 === 0) continue;
        const title = `基准工作事项${s}-${m}-${w}${edit && count % 18 === 0 ? "（修订）" : ""}`;
        items.addRow([
          `${measure}.w${w}`,
          measure,
          "工作事项",
          `(${w})`,
          title,
          "",
          "工作事项全文。".repeat(5),
          units[(s + m + w) % units.length],
          units[(s + m + w + 3) % units.length],
          "全面实施",
          null,
          new Date(Date.UTC(2026 + (w % 5), m % 12, 28)),
          "季度",
          "",
        ]);
      }
    }
  }
  if (!edit && count !== SECTIONS * (1 + MEASURES * (1 + WORK_ITEMS))) throw new Error(`built ${count} items`);
  sheet(SHEETS.goals, GOAL_HEADER);
  sheet(SHEETS.indicators, INDICATOR_HEADER);
  sheet(SHEETS.links, LINK_HEADER).addRow(["s1.m1.w1", "sz-2022-2025", "youth.m1", "服务于", "基准"]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const [first, second] = [await workbook(false), await workbook(true)];
const [parsed, parseMs] = await time(() => parsePlanWorkbook(first));
const [preview, previewMs] = await time(() => previewPlanImport(admin, { fileName: "bench.xlsx", bytes: first }));
if (preview.problems.length > 0) throw new Error(JSON.stringify(preview.problems.slice(0, 5)));
const [, applyMs] = await time(() => applyPlanImport(admin, { importId: preview.importId }));
const [repreview, repreviewMs] = await time(() =>
  previewPlanImport(admin, { fileName: "bench-v2.xlsx", bytes: second, planCode: "bench-2026-2030" }),
);
if (repreview.problems.length > 0) throw new Error(JSON.stringify(repreview.problems.slice(0, 5)));
const [, reapplyMs] = await time(() => applyPlanImport(admin, { importId: repreview.importId }));
const items = await db.planItem.count({ where: { plan: { code: "bench-2026-2030" } } });

const row = (label: string, ms: number) =>
  console.log(label.padEnd(40 - (label.match(/[^\x00-\xff]/g)?.length ?? 0)) + `${(ms / 1000).toFixed(2)} s`.padStart(10));
console.log(`\nscratch database: ${file}`);
console.log(`workbook: ${parsed.workbook.items.length} items, ${(first.byteLength / 1024).toFixed(0)} KB; plan now has ${items} items`);
row("parse only (parsePlanWorkbook)", parseMs);
row("upload → preview (previewPlanImport)", previewMs);
row("confirm (applyPlanImport)", applyMs);
row("preview + confirm", previewMs + applyMs);
console.log(
  `new version: ${repreview.diff!.changed.length} changed, ${repreview.diff!.archived.length} archived, ${repreview.diff!.unchanged} unchanged`,
);
row("new version: preview", repreviewMs);
row("new version: confirm", reapplyMs);
console.log(`memory: rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
await db.$disconnect();

/**
 * The public page's data (lib/outputs/server/public-progress.ts): approved reports only, bounded
 * by what the page shows, and cached per process with the `public` content stamp it was built at.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { bumpContentStamp, PUBLIC_STAMP, readContentStamp } from "@/lib/core/content-stamp";
import {
  buildPublicProgress,
  getPublicProgress,
  PUBLIC_MEASURE_REPORTS,
  PUBLIC_SECTION_REPORTS,
  publicProgressBuilds,
} from "@/lib/outputs/server/public-progress";
import { approveReports } from "@/lib/reporting/server/review";
import { reviewReport, saveReport } from "@/lib/reporting/server/reports";
import { actorFor, actorForRole } from "../support/actors";
import { itemByKey } from "../support/plan-fixtures";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";

const youthOf = (progress: Awaited<ReturnType<typeof getPublicProgress>>) =>
  progress.sections.find((section) => section.title === "实施青少年科学素质提升行动")!;

async function submit(username: string, reportId: number, workDone: string) {
  const report = await db.progressReport.findUniqueOrThrow({ where: { id: reportId } });
  await saveReport(await actorFor(username), {
    reportId,
    version: report.version,
    intent: "submit",
    submissionKey: "",
    ...filledReport,
    workDone,
  });
  return db.progressReport.findUniqueOrThrow({ where: { id: reportId } });
}

describe("the public data after a review", () => {
  it("shows a report once it is approved, never while it is a draft, submitted or returned; the copy follows the stamp", async () => {
    const admin = await actorForRole("ADMIN");
    const round = (await openYouthRound("2025-12-31")).round;
    const DRAFT = "公开页测试-草稿-71c";
    const SUBMITTED = "公开页测试-已提交-2b9";
    const RETURNED = "公开页测试-退回-e04";
    const APPROVED = "公开页测试-已通过-5d3";

    const before = publicProgressBuilds();
    const first = JSON.stringify(await getPublicProgress());
    expect(publicProgressBuilds()).toBe(before + 1);
    // Unchanged stamp: the same copy, no new build, even for concurrent calls.
    const [a, b] = await Promise.all([getPublicProgress(), getPublicProgress()]);
    expect(a).toBe(b);
    expect(publicProgressBuilds()).toBe(before + 1);

    // A draft saved through the app (audited, but never public) moves no stamp and shows nothing.
    const draft = await reportOf(round.id, "市教育局");
    const stamp = await readContentStamp(db, PUBLIC_STAMP);
    await saveReport(await actorFor("jyj"), {
      reportId: draft.id,
      version: draft.version,
      intent: "save",
      submissionKey: "",
      ...filledReport,
      workDone: DRAFT,
    });
    const submitted = await submit("wjw", (await reportOf(round.id, "市卫生健康委")).id, SUBMITTED);
    expect(await readContentStamp(db, PUBLIC_STAMP)).toBe(stamp);
    expect(JSON.stringify(await getPublicProgress())).toBe(first);
    expect(publicProgressBuilds()).toBe(before + 1);
    // Even rebuilt from scratch, nothing unapproved is there.
    for (const marker of [DRAFT, SUBMITTED]) expect(JSON.stringify(await buildPublicProgress())).not.toContain(marker);

    // A return (with its comment) moves the stamp, but the returned report stays out.
    await reviewReport(admin, { reportId: submitted.id, version: submitted.version, decision: "RETURN", comment: "公开页测试-意见-8aa" });
    const afterReturn = JSON.stringify(await getPublicProgress());
    expect(afterReturn).not.toContain(SUBMITTED);
    expect(afterReturn).not.toContain("公开页测试-意见-8aa");

    // The approval shows at once: the stamp moved in the approval's own transaction.
    const approved = await submit("jyj", draft.id, APPROVED);
    const builds = publicProgressBuilds();
    await reviewReport(admin, { reportId: approved.id, version: approved.version, decision: "APPROVE", comment: "" });
    expect(await readContentStamp(db, PUBLIC_STAMP)).toBeGreaterThan(stamp);
    const progress = await getPublicProgress();
    expect(publicProgressBuilds()).toBe(builds + 1);
    const youth = youthOf(progress);
    expect(youth.reports[0]).toMatchObject({
      unit: "市教育局",
      workDone: APPROVED,
      status: "ON_TRACK",
      completion: 60,
      period: "2025年第三季度",
    });
    expect(youth.summary.reports).toBeGreaterThanOrEqual(1);
    const data = JSON.stringify(progress);
    for (const marker of [
      DRAFT,
      SUBMITTED,
      RETURNED,
      "公开页测试-意见-8aa",
      filledReport.problems,
      filledReport.nextSteps,
      "kxadmin",
      "storageKey",
    ])
      expect(data).not.toContain(marker);
  });

  it("shows a bulk approval too (approveReports)", async () => {
    // A later round than the one above: its report is then 市教育局's latest on the section.
    const round = (await openYouthRound("2026-03-31")).round;
    const target = await submit("jyj", (await reportOf(round.id, "市教育局")).id, "公开页测试-批量-3f1");
    await getPublicProgress();
    const result = await approveReports(await actorForRole("ADMIN"), { reports: [{ reportId: target.id, version: target.version }] });
    expect(result.approved).toHaveLength(1);
    expect(JSON.stringify(await getPublicProgress())).toContain("公开页测试-批量-3f1");
  });
});

describe("the public data is bounded by what the page shows", () => {
  it("lists the newest few reports per section and measure and counts the rest, one per item and unit", async () => {
    const youth = await itemByKey("youth");
    const measure = await db.planItem.findFirstOrThrow({ where: { parentId: youth.id, kind: "MEASURE" }, orderBy: { position: "asc" } });
    const units = await db.unit.findMany({ orderBy: { id: "asc" }, take: 12, select: { id: true } });
    // 4 work items under the first measure; 2 rounds; every unit approved on every item in both.
    const items = [];
    for (let n = 1; n <= 4; n++) {
      items.push(
        await db.planItem.create({
          data: { planId: youth.planId, parentId: measure.id, kind: "WORK_ITEM", position: 100 + n, title: `公开页测试工作事项${n}` },
        }),
      );
    }
    for (const [index, deadline] of ["2031-03-31", "2031-06-30"].entries()) {
      const round = await db.reportingRound.create({
        data: { name: `公开页测试${index}`, period: `第${index + 1}期`, deadline: new Date(`${deadline}T00:00:00+08:00`) },
      });
      await db.progressReport.createMany({
        data: items.flatMap((item, i) =>
          units.map((unit, u) => ({
            roundId: round.id,
            itemId: item.id,
            unitId: unit.id,
            role: "SUPPORT" as const,
            state: (u === 11 ? "SUBMITTED" : "APPROVED") as "SUBMITTED" | "APPROVED",
            status: u % 2 === 0 ? ("ON_TRACK" as const) : ("BEHIND" as const),
            completion: index === 0 ? 10 : u % 2 === 0 ? 80 : 40,
            workDone: `公开页测试-${index}-${i}-${u}`,
          })),
        ),
      });
    }
    // Direct writes bypass the audit trail: move the stamp as an audited write would.
    await bumpContentStamp(db, PUBLIC_STAMP);
    const progress = await getPublicProgress();
    const section = youthOf(progress);
    const shown = section.measures.find((row) => row.id === measure.id)!;
    // 4 items × 11 approved units, the later round's report standing for each pair: (6 × 80 + 5 × 40) / 11 ≈ 62.
    expect(shown.summary).toMatchObject({ reports: 44, items: 4, averageCompletion: 62, statuses: { ON_TRACK: 24, BEHIND: 20 } });
    expect(section.summary.reports).toBeGreaterThanOrEqual(44);
    expect(section.reports).toHaveLength(PUBLIC_SECTION_REPORTS);
    expect(shown.reports).toHaveLength(PUBLIC_MEASURE_REPORTS);
    for (const report of [...section.reports, ...shown.reports]) expect(report.workDone).toMatch(/^公开页测试-1-/);
    expect(JSON.stringify(progress)).not.toContain("公开页测试-0-");
    // Unit 12's reports are only submitted: never listed.
    expect(JSON.stringify(progress)).not.toMatch(/公开页测试-\d-\d-11"/);
    // Bounded whatever the history: the listed reports of every section and measure.
    const listed = progress.sections.flatMap((row) => [...row.reports, ...row.measures.flatMap((m) => m.reports)]);
    expect(listed.length).toBeLessThanOrEqual(
      progress.sections.length * PUBLIC_SECTION_REPORTS + progress.sections.flatMap((row) => row.measures).length * PUBLIC_MEASURE_REPORTS,
    );
  });
});

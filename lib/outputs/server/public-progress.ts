import "server-only";
import { db } from "@/lib/core/db";
import { literacyOverview } from "./dashboard";
import { currentMasterPlanId } from "@/lib/plans/server/periods";

/**
 * The public page's data, for anyone, signed in or not (the plan asks for progress to be
 * published for public supervision). Deliberately narrow: approved reports only, and of
 * them only status, completion, the work done and the period — never drafts, returned
 * reports, review comments, problems, attachments or anyone's name. Each unit's latest
 * approved report on an item stands for its progress there, so the page stays the same size
 * however many rounds go by.
 */
export async function getPublicProgress() {
  // The master plan CAST marked current (or the newest published one), with its sections and their reports.
  const masterId = (await currentMasterPlanId()) ?? 0;
  const master = await db.plan.findUnique({
    where: { id: masterId },
    select: { title: true, issuer: true, documentNumber: true, goals: { orderBy: { year: "asc" }, select: { year: true, text: true } } },
  });
  const [literacy, sections, approvedReports] = await Promise.all([
    literacyOverview(),
    db.planItem.findMany({
      where: { kind: "SECTION", planId: masterId },
      orderBy: [{ parentId: "asc" }, { position: "asc" }],
      select: {
        id: true,
        number: true,
        title: true,
        taskStatement: true,
        children: { where: { kind: "MEASURE" }, orderBy: { position: "asc" }, select: { id: true, title: true } },
      },
    }),
    db.progressReport.findMany({
      where: { state: "APPROVED", item: { planId: masterId } },
      // Newest round first: the first report seen for an item and unit is its latest.
      orderBy: [{ round: { deadline: "desc" } }, { roundId: "desc" }, { unit: { sortOrder: "asc" } }],
      select: {
        id: true,
        itemId: true,
        role: true,
        status: true,
        completion: true,
        workDone: true,
        isDemo: true,
        unit: { select: { name: true } },
        round: { select: { period: true } },
        item: { select: { parentId: true, parent: { select: { parentId: true } } } },
      },
    }),
  ]);
  const seen = new Set<string>();
  const approved = approvedReports.filter((report) => {
    const key = `${report.itemId}:${report.unit.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Reports on a work item count towards the measure above it, and so towards its section.
  const sectionReports = (sectionId: number) =>
    approved.filter((report) => report.itemId === sectionId || report.item.parent?.parentId === sectionId);
  const measureReports = (measureId: number) => approved.filter((report) => report.item.parentId === measureId);
  const publicView = (report: (typeof approved)[number]) => ({
    id: report.id,
    unit: report.unit.name,
    role: report.role,
    period: report.round.period,
    status: report.status,
    completion: report.completion,
    workDone: report.workDone,
    demo: report.isDemo,
  });
  return {
    master,
    literacy,
    sections: sections.map((section) => ({
      ...section,
      reports: sectionReports(section.id).map(publicView),
      measures: section.children.map((measure) => ({ ...measure, reports: measureReports(measure.id).map(publicView) })),
    })),
  };
}

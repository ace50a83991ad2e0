import { db } from "@/lib/core/db";
import { openRound } from "@/lib/reporting/server/rounds";
import { actorForRole } from "./actors";
import { itemByKey, unitId } from "./plan-fixtures";

/**
 * Opens a round on the youth action (leads 市教育局/团市委/市科协; supporters incl. 市卫生健康委).
 * A deadline before today is refused, so unless `now` is given a round with a past deadline is
 * opened at noon of its deadline day (as it would have been then); a future one now.
 */
export async function openYouthRound(deadline = "2025-09-30", now?: Date) {
  const youth = await itemByKey("youth");
  const deadlineNoon = new Date(`${deadline}T12:00:00+08:00`);
  const { round } = await openRound(
    await actorForRole("ADMIN"),
    { name: "2025年第三季度进展报送", period: "2025年第三季度", deadline, itemIds: [youth.id] },
    now ?? new Date(Math.min(Date.now(), deadlineNoon.getTime())),
  );
  return { round, youth };
}

export async function reportOf(roundId: number, unitName: string) {
  return db.progressReport.findFirstOrThrow({ where: { roundId, unitId: await unitId(unitName) } });
}

export const filledReport = {
  status: "ON_TRACK" as "NOT_STARTED" | "ON_TRACK" | "BEHIND" | "COMPLETED" | "BLOCKED",
  completion: 60,
  workDone: "完成科学家精神进校园活动 12 场。",
  problems: "部分学校场地紧张。",
  nextSteps: "第四季度推进馆校合作。",
  eventsHeld: 12,
  peopleReached: 3400,
  outputs: [{ name: "科普讲座", value: 12, unit: "场" }],
};

import { describe, expect, it } from "vitest";
import { chaseSchema, reportFormSchema, reviewSchema, TEXT_LIMITS } from "@/lib/reporting/schemas";

const base = { reportId: "1", version: "1", intent: "save" };

describe("the long text fields' limits, as the form's counter states them", () => {
  it("are the limits the schemas enforce", () => {
    expect(TEXT_LIMITS).toMatchObject({ workDone: 5000, problems: 3000, nextSteps: 3000, comment: 2000 });
    for (const field of ["workDone", "problems", "nextSteps"] as const) {
      const max = TEXT_LIMITS[field];
      expect(reportFormSchema.safeParse({ ...base, [field]: "字".repeat(max) }).success, field).toBe(true);
      expect(reportFormSchema.safeParse({ ...base, [field]: "字".repeat(max + 1) }).success, field).toBe(false);
    }
    const review = { reportId: "1", version: "1", decision: "RETURN" };
    expect(reviewSchema.safeParse({ ...review, comment: "意".repeat(TEXT_LIMITS.comment) }).success).toBe(true);
    expect(reviewSchema.safeParse({ ...review, comment: "意".repeat(TEXT_LIMITS.comment + 1) }).success).toBe(false);
    expect(chaseSchema.safeParse({ roundId: "1", level: "REMIND", message: "催".repeat(TEXT_LIMITS.chaseMessage + 1) }).success).toBe(
      false,
    );
  });

  it("count a line break once, as the browser's counter does, although a form posts it as CR LF", () => {
    // 5,000 characters in the textarea, 100 of them line breaks: the browser sends 5,100.
    const typed = ("字".repeat(49) + "\n").repeat(100);
    expect(typed).toHaveLength(TEXT_LIMITS.workDone);
    const posted = typed.replace(/\n/g, "\r\n");
    const parsed = reportFormSchema.safeParse({ ...base, workDone: posted });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.workDone).toBe(typed.trim());
    const comment = reviewSchema.parse({ reportId: "1", version: "1", decision: "RETURN", comment: "第一行\r\n第二行\r第三行" });
    expect(comment.comment).toBe("第一行\n第二行\n第三行");
  });
});

describe("a work item's 工作内容", () => {
  it("takes 5,000 characters, a line break counted once although the form posts CR LF", async () => {
    const { FULL_TEXT_MAX, createWorkItemSchema } = await import("@/lib/plans/schemas/work-items");
    expect(FULL_TEXT_MAX).toBe(5000);
    const item = (fullText: string) =>
      createWorkItemSchema.safeParse({
        parentId: "1",
        title: "任务",
        fullText,
        dueDate: "2025-12-31",
        reportingCycle: "ANNUAL",
        unit_1: "LEAD",
      });
    const typed = ("字".repeat(49) + "\n").repeat(100);
    expect(typed).toHaveLength(FULL_TEXT_MAX);
    const parsed = item(typed.replace(/\n/g, "\r\n"));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.fullText).toBe(typed.trim());
    expect(item("字".repeat(FULL_TEXT_MAX + 1)).success).toBe(false);
  });
});

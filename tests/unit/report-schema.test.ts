import { describe, expect, it } from "vitest";
import type { z } from "zod";
import messages from "@/messages/zh-CN.json";
import { formDataToObject } from "@/lib/core/form";
import {
  CHASE_LEVELS,
  chaseSchema,
  chaseSupportersSchema,
  LIGHTS,
  openRoundSchema,
  PROGRESS_STATUSES,
  REPORT_STATES,
  reportFormSchema,
  reportSearchSchema,
  REVIEW_SORTS,
  reviewQueueFilterSchema,
  roundBoardQuerySchema,
  listPageSchema,
  reviewSchema,
  roundCommandSchema,
  TEXT_LIMITS,
} from "@/lib/reporting/schemas";

/**
 * What a liaison, a reviewer or CAST staff see when a form is refused: each issue's field
 * and its message key (translated under `validation` in messages/*.json).
 */
function refusal(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  expect(result.success, "the input should be refused").toBe(false);
  return Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
}

function accepted<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  expect(result.error?.issues ?? [], "the input should be accepted").toEqual([]);
  return result.data as z.output<S>;
}

/** The report form as the browser posts it (components/reporting/ReportForm.tsx). */
function reportForm(fields: Record<string, string>, outputs: [string, string, string][] = []) {
  const data = new FormData();
  data.set("$ACTION_ID_abc", "");
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  outputs.forEach(([name, value, unit], index) => {
    data.set(`output_name_${index}`, name);
    data.set(`output_value_${index}`, value);
    data.set(`output_unit_${index}`, unit);
  });
  return formDataToObject(data);
}

const submission = {
  reportId: "7",
  version: "3",
  intent: "submit",
  submissionKey: "4b1f0c2e-key",
  status: "ON_TRACK",
  completion: "60",
  workDone: "完成科学家精神进校园活动 12 场。",
  problems: "部分学校场地紧张。",
  nextSteps: "第四季度推进馆校合作。",
  eventsHeld: "12",
  peopleReached: "3400",
};

const draft = { reportId: "7", version: "3", intent: "save" };

describe("the report form: submitting", () => {
  it("accepts a complete report and reads every field as the data layer needs it", () => {
    expect(accepted(reportFormSchema, reportForm(submission, [["科普讲座", "12", "场"]]))).toEqual({
      reportId: 7,
      version: 3,
      intent: "submit",
      submissionKey: "4b1f0c2e-key",
      status: "ON_TRACK",
      completion: 60,
      workDone: "完成科学家精神进校园活动 12 场。",
      problems: "部分学校场地紧张。",
      nextSteps: "第四季度推进馆校合作。",
      eventsHeld: 12,
      peopleReached: 3400,
      outputs: [{ name: "科普讲座", value: 12, unit: "场" }],
    });
  });

  it("refuses a submission with no status, no completion and no work done, naming each field", () => {
    expect(refusal(reportFormSchema, reportForm({ ...draft, intent: "submit" }))).toEqual({
      status: "statusRequired",
      completion: "percent",
      workDone: "workDoneRequired",
    });
  });

  it("refuses a submission without a status", () => {
    expect(refusal(reportFormSchema, reportForm({ ...submission, status: "" }))).toEqual({ status: "statusRequired" });
  });

  it("refuses a submission without a completion", () => {
    expect(refusal(reportFormSchema, reportForm({ ...submission, completion: "" }))).toEqual({ completion: "percent" });
  });

  it.each(["", "   \n  "])("refuses a submission whose work done is %j", (workDone) => {
    expect(refusal(reportFormSchema, reportForm({ ...submission, workDone }))).toEqual({ workDone: "workDoneRequired" });
  });

  it("refuses a submission with the work-done field missing altogether", () => {
    const { workDone: _omitted, ...withoutWorkDone } = submission;
    expect(refusal(reportFormSchema, reportForm(withoutWorkDone))).toEqual({ workDone: "workDoneRequired" });
  });

  it.each(PROGRESS_STATUSES.filter((status) => status !== "COMPLETED"))("accepts %s with any completion from 0 to 100", (status) => {
    for (const completion of ["0", "1", "99", "100"]) {
      expect(accepted(reportFormSchema, reportForm({ ...submission, status, completion }))).toMatchObject({
        status,
        completion: Number(completion),
      });
    }
  });
});

describe("the report form: completed (已完成) needs 100%", () => {
  it("accepts COMPLETED at 100%", () => {
    expect(accepted(reportFormSchema, reportForm({ ...submission, status: "COMPLETED", completion: "100" }))).toMatchObject({
      status: "COMPLETED",
      completion: 100,
    });
  });

  it.each(["99", "50", "0"])("refuses COMPLETED at %s%%", (completion) => {
    expect(refusal(reportFormSchema, reportForm({ ...submission, status: "COMPLETED", completion }))).toEqual({
      completion: "completedNeeds100",
    });
  });

  it("asks only for the completion when COMPLETED comes without one", () => {
    expect(refusal(reportFormSchema, reportForm({ ...submission, status: "COMPLETED", completion: "" }))).toEqual({
      completion: "percent",
    });
  });

  it("lets a draft say COMPLETED at 50% (the rule applies on submit)", () => {
    expect(accepted(reportFormSchema, reportForm({ ...draft, status: "COMPLETED", completion: "50" }))).toMatchObject({
      intent: "save",
      completion: 50,
    });
  });
});

describe("the report form: saving a draft", () => {
  it("accepts an empty draft, with empty texts and no numbers", () => {
    expect(
      accepted(reportFormSchema, reportForm({ ...draft, status: "", completion: "", workDone: "", eventsHeld: "", peopleReached: "" })),
    ).toEqual({
      reportId: 7,
      version: 3,
      intent: "save",
      submissionKey: "",
      status: undefined,
      completion: undefined,
      workDone: "",
      problems: "",
      nextSteps: "",
      eventsHeld: undefined,
      peopleReached: undefined,
      outputs: [],
    });
  });

  it("fills in what an old or crafted form leaves out", () => {
    const parsed = accepted(reportFormSchema, reportForm(draft));
    expect(parsed).toMatchObject({ submissionKey: "", workDone: "", problems: "", nextSteps: "", outputs: [] });
    expect(parsed.status).toBeUndefined();
    expect(parsed.completion).toBeUndefined();
  });

  it("trims the texts and the submission key", () => {
    expect(
      accepted(
        reportFormSchema,
        reportForm({ ...draft, workDone: "  开展活动。 \n", problems: " 无 ", nextSteps: "\t继续\t", submissionKey: "  k1  " }),
      ),
    ).toMatchObject({ workDone: "开展活动。", problems: "无", nextSteps: "继续", submissionKey: "k1" });
  });

  it("still checks what is filled in", () => {
    expect(refusal(reportFormSchema, reportForm({ ...draft, status: "DONE", completion: "150" }))).toEqual({
      status: "statusRequired",
      completion: "percent",
    });
  });
});

describe("the report form: field limits and messages", () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["work done of 5001 characters", { workDone: "进".repeat(5001) }, { workDone: "tooLong" }],
    ["problems of 3001 characters", { problems: "难".repeat(3001) }, { problems: "tooLong" }],
    ["next steps of 3001 characters", { nextSteps: "下".repeat(3001) }, { nextSteps: "tooLong" }],
    ["a submission key of 65 characters", { submissionKey: "k".repeat(65) }, { submissionKey: "invalid" }],
    ["an unknown intent", { intent: "publish" }, { intent: "invalid" }],
    ["an unknown status", { status: "DONE" }, { status: "statusRequired" }],
    ["a completion that is not a number", { completion: "六十" }, { completion: "percent" }],
    ["a fractional completion", { completion: "60.5" }, { completion: "percent" }],
    ["a negative completion", { completion: "-1" }, { completion: "percent" }],
    ["a completion over 100", { completion: "101" }, { completion: "percent" }],
    ["events held that are not a number", { eventsHeld: "十二" }, { eventsHeld: "wholeNumber" }],
    ["fractional events held", { eventsHeld: "1.5" }, { eventsHeld: "wholeNumber" }],
    ["negative people reached", { peopleReached: "-3" }, { peopleReached: "notNegative" }],
    ["over 100 million people reached", { peopleReached: "100000001" }, { peopleReached: "tooLarge" }],
    ["no report id", { reportId: "" }, { reportId: "invalid" }],
    ["no version", { version: "0" }, { version: "invalid" }],
  ])("refuses %s", (_name, change, expected) => {
    expect(refusal(reportFormSchema, reportForm({ ...submission, ...change }))).toEqual(expected);
  });

  it("refuses a report without an intent", () => {
    const { intent: _omitted, ...withoutIntent } = submission;
    expect(refusal(reportFormSchema, reportForm(withoutIntent))).toEqual({ intent: "invalid" });
  });

  it("accepts each field at its limit", () => {
    expect(
      accepted(
        reportFormSchema,
        reportForm({
          ...submission,
          workDone: "进".repeat(5000),
          problems: "难".repeat(3000),
          nextSteps: "下".repeat(3000),
          submissionKey: "k".repeat(64),
          eventsHeld: "0",
          peopleReached: "100000000",
        }),
      ),
    ).toMatchObject({ eventsHeld: 0, peopleReached: 100_000_000 });
  });

  it("gives every message key it can produce a Chinese text on the form", () => {
    const keys = [
      "statusRequired",
      "percent",
      "workDoneRequired",
      "completedNeeds100",
      "tooLong",
      "invalid",
      "wholeNumber",
      "notNegative",
      "tooLarge",
      "number",
      "tooMany",
      "outputNameRequired",
      "outputUnitRequired",
      "returnNeedsComment",
      "required",
      "dateFormat",
      "itemsRequired",
    ];
    const validation = messages.validation as Record<string, unknown>;
    for (const key of keys) expect(typeof validation[key], key).toBe("string");
  });

  it("offers the five statuses of the README in their order (未启动 / 按计划推进 / 滞后 / 已完成 / 受阻)", () => {
    expect(PROGRESS_STATUSES).toEqual(["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"]);
    for (const status of PROGRESS_STATUSES) expect(accepted(reportFormSchema, reportForm({ ...draft, status })).status).toBe(status);
  });
});

describe("the report form: line breaks", () => {
  it("stores the line breaks a browser posts (CR LF) as LF", () => {
    expect(accepted(reportFormSchema, reportForm({ ...draft, workDone: "第一段\r\n第二段", problems: "旧式\r换行" }))).toMatchObject({
      workDone: "第一段\n第二段",
      problems: "旧式\n换行",
    });
  });

  it("counts a line break as one character, as the form's counter does", () => {
    // 2,500 lines of one character: 5,000 characters on the counter, 7,500 as posted with CR LF.
    const full = "进\r\n".repeat(TEXT_LIMITS.workDone / 2 - 1) + "进进";
    const stored = accepted(reportFormSchema, reportForm({ ...submission, workDone: full })).workDone;
    expect(stored).toHaveLength(TEXT_LIMITS.workDone);
    expect(refusal(reportFormSchema, reportForm({ ...submission, workDone: `${full}进` }))).toEqual({ workDone: "tooLong" });
  });

  it("states the limits the form's counters show", () => {
    expect(TEXT_LIMITS).toEqual({ workDone: 5000, problems: 3000, nextSteps: 3000, comment: 2000, chaseMessage: 500 });
  });
});

describe("the report form: output rows from form data", () => {
  it("turns output_name_N / output_value_N / output_unit_N into rows in the order of N", () => {
    const data = reportForm(submission);
    // Posted out of order, with indexes past 9, as a form with many rows does.
    Object.assign(data, {
      output_name_10: "展板",
      output_value_10: "30",
      output_unit_10: "块",
      output_name_2: "科普讲座",
      output_value_2: "12",
      output_unit_2: "场",
      output_name_0: "参观人次",
      output_value_0: "2.5",
      output_unit_0: "万人次",
    });
    expect(accepted(reportFormSchema, data).outputs).toEqual([
      { name: "参观人次", value: 2.5, unit: "万人次" },
      { name: "科普讲座", value: 12, unit: "场" },
      { name: "展板", value: 30, unit: "块" },
    ]);
  });

  it("keeps rows 0 to 19 in order", () => {
    const rows = Array.from({ length: 20 }, (_, i) => [`成果${i}`, String(i), "项"] as [string, string, string]);
    const outputs = accepted(reportFormSchema, reportForm(submission, rows)).outputs;
    expect(outputs.map((row) => row.name)).toEqual(rows.map(([name]) => name));
    expect(outputs.map((row) => row.value)).toEqual(rows.map((_, i) => i));
  });

  it("refuses more than 20 rows", () => {
    const rows = Array.from({ length: 21 }, (_, i) => [`成果${i}`, "1", "项"] as [string, string, string]);
    expect(refusal(reportFormSchema, reportForm(submission, rows))).toEqual({ outputs: "tooMany" });
  });

  it("drops the empty and blank rows the form always shows", () => {
    const outputs = accepted(
      reportFormSchema,
      reportForm(submission, [
        ["", "", ""],
        ["科普讲座", "12", "场"],
        ["  ", " ", "\t"],
      ]),
    ).outputs;
    expect(outputs).toEqual([{ name: "科普讲座", value: 12, unit: "场" }]);
  });

  it("trims names and units", () => {
    expect(accepted(reportFormSchema, reportForm(submission, [["  科普讲座 ", " 12 ", " 场 "]])).outputs).toEqual([
      { name: "科普讲座", value: 12, unit: "场" },
    ]);
  });

  it.each<[string, [string, string, string], Record<string, string>]>([
    ["a row without a name", ["", "12", "场"], { "outputs.0.name": "outputNameRequired" }],
    ["a row without a unit", ["科普讲座", "12", ""], { "outputs.0.unit": "outputUnitRequired" }],
    ["a row with only a unit", ["", "", "场"], { "outputs.0.name": "outputNameRequired", "outputs.0.value": "outputValueRequired" }],
    ["a value that is not a number", ["科普讲座", "十二", "场"], { "outputs.0.value": "number" }],
    ["a named row with a blank value (not zero)", ["科普讲座", " ", "场"], { "outputs.0.value": "outputValueRequired" }],
    ["a negative value", ["科普讲座", "-1", "场"], { "outputs.0.value": "notNegative" }],
    ["a value over 10^12", ["科普讲座", "1000000000001", "场"], { "outputs.0.value": "tooLarge" }],
    ["a name of 51 characters", ["名".repeat(51), "1", "场"], { "outputs.0.name": "tooLong" }],
    ["a unit of 11 characters", ["科普讲座", "1", "单".repeat(11)], { "outputs.0.unit": "tooLong" }],
  ])("refuses %s, pointing at the cell", (_name, row, expected) => {
    expect(refusal(reportFormSchema, reportForm(submission, [row]))).toEqual(expected);
  });

  it("accepts a row at its limits", () => {
    expect(accepted(reportFormSchema, reportForm(submission, [["名".repeat(50), "1000000000000", "单".repeat(10)]])).outputs).toEqual([
      { name: "名".repeat(50), value: 1e12, unit: "单".repeat(10) },
    ]);
  });

  it("does not take other fields that merely contain output_name_N for rows", () => {
    const data = {
      ...reportForm(submission, [["科普讲座", "12", "场"]]),
      previous_output_name_0: "旧",
      output_name_0_note: "备注",
      output_name_x: "x",
      output_name_undefined: "u",
    };
    expect(accepted(reportFormSchema, data).outputs).toEqual([{ name: "科普讲座", value: 12, unit: "场" }]);
  });

  it("does not crash on a crafted row that sends only some of its cells", () => {
    expect(accepted(reportFormSchema, { ...reportForm(submission), output_name_0: "" }).outputs).toEqual([]);
    expect(Object.keys(refusal(reportFormSchema, { ...reportForm(submission), output_name_0: "科普讲座" }))).toEqual([
      "outputs.0.value",
      "outputs.0.unit",
    ]);
  });

  it("takes rows already collected (the data layer re-checks parsed input) as they are", () => {
    const input = { ...submission, reportId: 7, version: 3, completion: 60, outputs: [{ name: "科普讲座", value: 12, unit: "场" }] };
    expect(accepted(reportFormSchema, input).outputs).toEqual([{ name: "科普讲座", value: 12, unit: "场" }]);
    expect(accepted(reportFormSchema, { ...input, output_name_0: "另一行", output_value_0: "1", output_unit_0: "项" }).outputs).toEqual([
      { name: "科普讲座", value: 12, unit: "场" },
    ]);
    expect(accepted(reportFormSchema, { ...input, outputs: undefined }).outputs).toEqual([]);
  });

  it.each([null, undefined, "intent=submit", 42])("refuses %j as a report without throwing", (input) => {
    expect(reportFormSchema.safeParse(input).success).toBe(false);
  });
});

describe("review", () => {
  const review = { reportId: "7", version: "4" };

  it("approves without a comment", () => {
    expect(accepted(reviewSchema, { ...review, decision: "APPROVE" })).toEqual({
      reportId: 7,
      version: 4,
      decision: "APPROVE",
      comment: "",
    });
  });

  it("returns with a comment, trimmed", () => {
    expect(accepted(reviewSchema, { ...review, decision: "RETURN", comment: "  请补充活动照片。 " })).toMatchObject({
      decision: "RETURN",
      comment: "请补充活动照片。",
    });
  });

  it.each(["", "   ", undefined])("refuses a return with the comment %j", (comment) => {
    expect(refusal(reviewSchema, { ...review, decision: "RETURN", comment })).toEqual({ comment: "returnNeedsComment" });
  });

  it("refuses an unknown decision and an over-long comment", () => {
    expect(refusal(reviewSchema, { ...review, decision: "REJECT" })).toEqual({ decision: "invalid" });
    expect(refusal(reviewSchema, { ...review, decision: "APPROVE", comment: "意".repeat(2001) })).toEqual({ comment: "tooLong" });
    expect(accepted(reviewSchema, { ...review, decision: "RETURN", comment: "意".repeat(2000) }).comment).toHaveLength(2000);
  });
});

describe("opening a round", () => {
  const round = { name: " 2025年第三季度进展报送 ", period: " 2025年第三季度 ", deadline: "2025-09-30" };

  it("accepts one item (a single checkbox) or several, trimming the texts", () => {
    expect(accepted(openRoundSchema, { ...round, itemIds: "5" })).toEqual({
      name: "2025年第三季度进展报送",
      period: "2025年第三季度",
      deadline: "2025-09-30",
      itemIds: [5],
    });
    expect(accepted(openRoundSchema, { ...round, itemIds: ["5", "8"] }).itemIds).toEqual([5, 8]);
  });

  it("asks for at least one item when none is ticked", () => {
    expect(refusal(openRoundSchema, round)).toEqual({ itemIds: "itemsRequired" });
    expect(refusal(openRoundSchema, { ...round, itemIds: [] })).toEqual({ itemIds: "itemsRequired" });
  });

  it("refuses a blank or over-long name or period", () => {
    expect(refusal(openRoundSchema, { ...round, name: "  ", period: "", itemIds: "5" })).toEqual({ name: "required", period: "required" });
    expect(refusal(openRoundSchema, { ...round, name: "名".repeat(101), period: "期".repeat(51), itemIds: "5" })).toEqual({
      name: "tooLong",
      period: "tooLong",
    });
    expect(accepted(openRoundSchema, { ...round, name: "名".repeat(100), period: "期".repeat(50), itemIds: "5" }).name).toHaveLength(100);
  });

  it.each(["2025-9-30", "30/09/2025", "2025-09-30T00:00", "x2025-09-30", "2025-09-3O", "２０２５-09-30", "20250-09-30", ""])(
    "refuses the deadline %j",
    (deadline) => {
      expect(refusal(openRoundSchema, { ...round, deadline, itemIds: "5" })).toEqual({ deadline: "dateFormat" });
    },
  );

  it("refuses an item id that is not an id", () => {
    expect(refusal(openRoundSchema, { ...round, itemIds: ["5", "abc"] })).toEqual({ "itemIds.1": "invalid" });
  });
});

describe("chasing", () => {
  it("escalates through 提醒, 催办, 督办", () => {
    expect(CHASE_LEVELS).toEqual(["REMIND", "URGE", "SUPERVISE"]);
    for (const level of CHASE_LEVELS) expect(accepted(chaseSchema, { roundId: "3", level }).level).toBe(level);
  });

  it("chases every late unit when no unit is chosen, or one unit", () => {
    expect(accepted(chaseSchema, { roundId: "3", unitId: "", level: "REMIND" })).toEqual({
      roundId: 3,
      unitId: undefined,
      level: "REMIND",
      message: "",
    });
    expect(accepted(chaseSchema, { roundId: "3", unitId: "12", level: "URGE", message: " 请于周五前报送。 " })).toEqual({
      roundId: 3,
      unitId: 12,
      level: "URGE",
      message: "请于周五前报送。",
    });
  });

  it("refuses an unknown level and an over-long message", () => {
    expect(refusal(chaseSchema, { roundId: "3", level: "WARN" })).toEqual({ level: "invalid" });
    expect(refusal(chaseSchema, { roundId: "3", level: "REMIND", message: "催".repeat(501) })).toEqual({ message: "tooLong" });
    expect(accepted(chaseSchema, { roundId: "3", level: "REMIND", message: "催".repeat(500) }).message).toHaveLength(500);
  });
});

describe("chasing a lead report's supporters", () => {
  it("needs the report", () => {
    expect(accepted(chaseSupportersSchema, { reportId: "9" })).toEqual({ reportId: 9 });
    expect(refusal(chaseSupportersSchema, {})).toEqual({ reportId: "invalid" });
  });
});

describe("the report search (/reports)", () => {
  it("searches everything, first page, when no filter is given", () => {
    expect(accepted(reportSearchSchema, {})).toEqual({ page: 1 });
    expect(accepted(reportSearchSchema, { q: "", round: "", unit: "", state: "", light: "", page: "" })).toEqual({
      q: undefined,
      round: undefined,
      unit: undefined,
      state: undefined,
      light: undefined,
      page: 1,
    });
  });

  it("reads every filter", () => {
    expect(accepted(reportSearchSchema, { q: "  馆校合作 ", round: "3", unit: "12", state: "RETURNED", light: "RED", page: "4" })).toEqual({
      q: "馆校合作",
      round: 3,
      unit: 12,
      state: "RETURNED",
      light: "RED",
      page: 4,
    });
  });

  it("offers each report state and light", () => {
    expect(REPORT_STATES).toEqual(["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"]);
    expect(LIGHTS).toEqual(["RED", "YELLOW", "GREEN"]);
    for (const state of REPORT_STATES) expect(accepted(reportSearchSchema, { state }).state).toBe(state);
    for (const light of LIGHTS) expect(accepted(reportSearchSchema, { light }).light).toBe(light);
  });

  it("names each bad filter", () => {
    expect(refusal(reportSearchSchema, { q: "查".repeat(101), state: "LOST", light: "BLUE", round: "x" })).toEqual({
      q: "tooLong",
      state: "invalid",
      light: "invalid",
      round: "invalid",
    });
    expect(accepted(reportSearchSchema, { q: "查".repeat(100) }).q).toHaveLength(100);
    expect(accepted(reportSearchSchema, { q: `${"查".repeat(100)}  ` }).q).toHaveLength(100);
  });

  it.each(["0", "-1", "1.5", "100001", "abc"])("refuses the page %j", (page) => {
    expect(Object.keys(refusal(reportSearchSchema, { page }))).toEqual(["page"]);
  });

  it.each([
    ["1", 1],
    ["100000", 100_000],
  ])("accepts the page %j", (page, expected) => {
    expect(accepted(reportSearchSchema, { page }).page).toBe(expected);
  });
});

describe("the review queue's filters", () => {
  it("shows the oldest submission first unless asked otherwise", () => {
    expect(accepted(reviewQueueFilterSchema, {})).toEqual({ sort: "oldest", page: 1 });
    expect(accepted(reviewQueueFilterSchema, { sort: "" }).sort).toBe("oldest");
  });

  it("reads every filter and order", () => {
    expect(REVIEW_SORTS).toEqual(["oldest", "newest", "deadline", "unit"]);
    for (const sort of REVIEW_SORTS) expect(accepted(reviewQueueFilterSchema, { sort }).sort).toBe(sort);
    expect(accepted(reviewQueueFilterSchema, { round: "2", unit: "5", section: "7", sort: "unit", page: "3" })).toEqual({
      round: 2,
      unit: 5,
      section: 7,
      sort: "unit",
      page: 3,
    });
  });

  it("names a bad order or id", () => {
    expect(refusal(reviewQueueFilterSchema, { sort: "random", section: "0" })).toEqual({ sort: "invalid", section: "invalid" });
  });
});

describe("the round board's report table and the paged lists", () => {
  it("reads unit, state and page, and names a bad one", () => {
    expect(accepted(roundBoardQuerySchema, {})).toEqual({ page: 1 });
    expect(accepted(roundBoardQuerySchema, { unit: "4", state: "RETURNED", page: "2" })).toEqual({ unit: 4, state: "RETURNED", page: 2 });
    expect(refusal(roundBoardQuerySchema, { state: "LOST", page: "0" })).toEqual({ state: "invalid", page: expect.any(String) });
    expect(accepted(listPageSchema, { page: "7" })).toEqual({ page: 7 });
    expect(accepted(listPageSchema, { page: "" })).toEqual({ page: 1 });
  });
});

describe("closing and reopening a round", () => {
  it.each(["close", "reopen"])("accepts %s", (command) => {
    expect(accepted(roundCommandSchema, { roundId: "3", command })).toEqual({ roundId: 3, command });
  });

  it("refuses anything else", () => {
    expect(refusal(roundCommandSchema, { roundId: "3", command: "delete" })).toEqual({ command: "invalid" });
  });
});

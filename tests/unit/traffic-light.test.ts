import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shanghaiDate } from "@/lib/core/time";
import {
  DEFAULT_NEAR_DAYS,
  LIGHT_ORDER,
  lightFor,
  summarize,
  worst,
  type Light,
  type LightReason,
  type Obligation,
  type ProgressStatus,
  type ReasonKey,
  type ReportState,
} from "@/lib/reporting/traffic-light";

const DEADLINE = "2026-06-30";
const at = (iso: string) => new Date(iso);
const report = (state: ReportState, status: ProgressStatus = "ON_TRACK", submittedAt: string | null = null) => ({
  state,
  status,
  submittedAt: submittedAt === null ? null : at(submittedAt),
});

describe("lightFor", () => {
  type Case = [string, Obligation["report"], string, number, Light, ReasonKey, Record<string, number>];

  const notSubmitted: Case[] = [
    // Rule 1: overdue
    ["nothing saved, day after deadline", null, "2026-07-01T00:00:00+08:00", 7, "RED", "overdueNotSubmitted", { days: 1 }],
    ["draft, 10 days late", report("DRAFT"), "2026-07-10T12:00:00+08:00", 7, "RED", "overdueNotSubmitted", { days: 10 }],
    [
      "returned, 3 days late",
      report("RETURNED", "ON_TRACK", "2026-06-20T10:00:00+08:00"),
      "2026-07-03T09:00:00+08:00",
      7,
      "RED",
      "overdueReturned",
      { days: 3 },
    ],
    ["23:30 UTC is already the next day in Shenzhen", null, "2026-06-30T23:30:00Z", 7, "RED", "overdueNotSubmitted", { days: 1 }],
    [
      "last millisecond of the deadline day is not overdue",
      null,
      "2026-06-30T23:59:59.999+08:00",
      7,
      "YELLOW",
      "dueSoonNotSubmitted",
      { days: 0 },
    ],
    ["overdue regardless of nearDays", null, "2026-07-02T08:00:00+08:00", 0, "RED", "overdueNotSubmitted", { days: 2 }],
    // Rule 2: returned, not yet overdue
    [
      "returned long before the deadline",
      report("RETURNED", "BLOCKED"),
      "2026-05-01T10:00:00+08:00",
      7,
      "YELLOW",
      "returnedAwaitingResubmission",
      {},
    ],
    ["returned on the deadline day", report("RETURNED"), "2026-06-30T20:00:00+08:00", 7, "YELLOW", "returnedAwaitingResubmission", {}],
    // Rule 3: due soon, boundary inclusive
    ["exactly nearDays left", null, "2026-06-23T00:00:00+08:00", 7, "YELLOW", "dueSoonNotSubmitted", { days: 7 }],
    [
      "draft on the deadline day",
      report("DRAFT", "COMPLETED"),
      "2026-06-30T08:00:00+08:00",
      7,
      "YELLOW",
      "dueSoonNotSubmitted",
      { days: 0 },
    ],
    ["deadline day with nearDays 0", null, "2026-06-30T00:00:00+08:00", 0, "YELLOW", "dueSoonNotSubmitted", { days: 0 }],
    ["16:30 UTC is already 7 days left in Shenzhen", null, "2026-06-22T16:30:00Z", 7, "YELLOW", "dueSoonNotSubmitted", { days: 7 }],
    // Rule 4: not yet due
    ["one day outside nearDays", null, "2026-06-22T23:59:59.999+08:00", 7, "GREEN", "notYetDue", {}],
    ["day before deadline with nearDays 0", report("DRAFT"), "2026-06-29T12:00:00+08:00", 0, "GREEN", "notYetDue", {}],
    ["far ahead", null, "2026-01-01T00:00:00+08:00", DEFAULT_NEAR_DAYS, "GREEN", "notYetDue", {}],
  ];

  const ON_TIME = "2026-06-25T10:00:00+08:00";
  const LATER = "2026-09-01T00:00:00+08:00";
  const submitted: Case[] = [
    // Rule 5: status decides; `now` long past the deadline must not matter once submitted
    ["blocked", report("SUBMITTED", "BLOCKED", ON_TIME), LATER, 7, "RED", "reportedBlocked", {}],
    ["blocked and late", report("APPROVED", "BLOCKED", "2026-07-05T10:00:00+08:00"), LATER, 7, "RED", "reportedBlocked", {}],
    ["behind", report("SUBMITTED", "BEHIND", ON_TIME), LATER, 7, "YELLOW", "reportedBehind", {}],
    ["not started", report("APPROVED", "NOT_STARTED", ON_TIME), LATER, 7, "YELLOW", "reportedNotStarted", {}],
    ["completed", report("APPROVED", "COMPLETED", ON_TIME), LATER, 7, "GREEN", "reportedCompleted", {}],
    ["completed late", report("SUBMITTED", "COMPLETED", "2026-07-05T10:00:00+08:00"), LATER, 7, "GREEN", "reportedCompleted", {}],
    ["on track, on time", report("SUBMITTED", "ON_TRACK", ON_TIME), LATER, 7, "GREEN", "reportedOnTrack", {}],
    [
      "on track at 23:59 on the deadline day",
      report("SUBMITTED", "ON_TRACK", "2026-06-30T23:59:00+08:00"),
      LATER,
      7,
      "GREEN",
      "reportedOnTrack",
      {},
    ],
    [
      "on track at the last millisecond",
      report("APPROVED", "ON_TRACK", "2026-06-30T23:59:59.999+08:00"),
      LATER,
      7,
      "GREEN",
      "reportedOnTrack",
      {},
    ],
    [
      "on track at 00:00 next day",
      report("SUBMITTED", "ON_TRACK", "2026-07-01T00:00:00+08:00"),
      LATER,
      7,
      "GREEN",
      "submittedLate",
      { days: 1 },
    ],
    [
      "on track at 16:00 UTC on the deadline day",
      report("SUBMITTED", "ON_TRACK", "2026-06-30T16:00:00Z"),
      LATER,
      7,
      "GREEN",
      "submittedLate",
      { days: 1 },
    ],
    [
      "on track, approved 5 days late",
      report("APPROVED", "ON_TRACK", "2026-07-05T18:00:00+08:00"),
      LATER,
      7,
      "GREEN",
      "submittedLate",
      { days: 5 },
    ],
    ["on track without a timestamp", report("SUBMITTED", "ON_TRACK", null), LATER, 7, "GREEN", "reportedOnTrack", {}],
    [
      "submitted before the round even nears",
      report("SUBMITTED", "ON_TRACK", "2026-05-01T10:00:00+08:00"),
      "2026-05-02T10:00:00+08:00",
      7,
      "GREEN",
      "reportedOnTrack",
      {},
    ],
  ];

  it.each([...notSubmitted, ...submitted])("%s", (_name, rep, now, nearDays, light, key, values) => {
    expect(lightFor({ deadline: DEADLINE, report: rep }, at(now), nearDays)).toEqual({ light, reason: { key, values } });
  });

  it.each(["2026-6-30", "2026-02-30", "2026-13-01", "", "30/06/2026"])("rejects the malformed deadline %j", (deadline) => {
    expect(() => lightFor({ deadline, report: null }, at("2026-06-01T00:00:00Z"), 7)).toThrow(RangeError);
  });

  it("names the malformed deadline in the error, so a broken round can be found", () => {
    expect(() => lightFor({ deadline: "2026-02-30", report: null }, at("2026-06-01T00:00:00Z"), 7)).toThrow(
      'Invalid deadline day: "2026-02-30"',
    );
  });

  it("counts calendar days across month and year ends", () => {
    expect(lightFor({ deadline: "2025-12-31", report: null }, at("2026-03-01T00:00:00+08:00"), 7).reason).toEqual({
      key: "overdueNotSubmitted",
      values: { days: 60 },
    });
  });
});

describe("worst", () => {
  it.each<[Light[], Light]>([
    [[], "GREEN"],
    [["GREEN"], "GREEN"],
    [["GREEN", "YELLOW", "GREEN"], "YELLOW"],
    [["YELLOW", "RED", "GREEN"], "RED"],
    [["RED", "RED"], "RED"],
  ])("%j → %s", (lights, expected) => {
    expect(worst(lights)).toBe(expected);
  });

  it("ranks RED worst", () => {
    expect(LIGHT_ORDER.RED).toBeGreaterThan(LIGHT_ORDER.YELLOW);
    expect(LIGHT_ORDER.YELLOW).toBeGreaterThan(LIGHT_ORDER.GREEN);
  });
});

describe("summarize", () => {
  const r = (light: Light, key: ReasonKey, values: Record<string, number> = {}): { light: Light; reason: LightReason } => ({
    light,
    reason: { key, values },
  });

  it("is GREEN with nothing to report", () => {
    expect(summarize([])).toEqual({ light: "GREEN", counts: { RED: 0, YELLOW: 0, GREEN: 0 }, reasons: [] });
  });

  it("counts every colour but lists only the reasons behind the aggregate colour, most frequent first", () => {
    const summary = summarize([
      r("GREEN", "reportedOnTrack"),
      r("RED", "reportedBlocked"),
      r("YELLOW", "reportedBehind"),
      r("RED", "overdueNotSubmitted", { days: 3 }),
      r("YELLOW", "reportedBehind"),
      r("RED", "overdueNotSubmitted", { days: 1 }),
    ]);
    expect(summary).toEqual({
      light: "RED",
      counts: { RED: 3, YELLOW: 2, GREEN: 1 },
      reasons: [
        { key: "overdueNotSubmitted", count: 2 },
        { key: "reportedBlocked", count: 1 },
      ],
    });
  });

  it("breaks ties by key, independent of input order", () => {
    const items = [
      r("YELLOW", "reportedNotStarted"),
      r("YELLOW", "dueSoonNotSubmitted", { days: 2 }),
      r("GREEN", "notYetDue"),
      r("YELLOW", "reportedBehind"),
    ];
    const expected = [
      { key: "dueSoonNotSubmitted", count: 1 },
      { key: "reportedBehind", count: 1 },
      { key: "reportedNotStarted", count: 1 },
    ];
    expect(summarize(items).reasons).toEqual(expected);
    expect(summarize([...items].reverse()).reasons).toEqual(expected);
  });

  it("summarizes an all-green group", () => {
    expect(summarize([r("GREEN", "reportedCompleted"), r("GREEN", "submittedLate", { days: 2 }), r("GREEN", "reportedCompleted")])).toEqual(
      {
        light: "GREEN",
        counts: { RED: 0, YELLOW: 0, GREEN: 3 },
        reasons: [
          { key: "reportedCompleted", count: 2 },
          { key: "submittedLate", count: 1 },
        ],
      },
    );
  });
});

describe("properties", () => {
  const instant = fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2035-12-31T23:59:59.999Z"), noInvalidDate: true });
  const deadline = instant.map(shanghaiDate);
  const status = fc.constantFrom<ProgressStatus>("NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED");
  const reportOf = (states: ReportState[]) =>
    fc.record({ state: fc.constantFrom(...states), status, submittedAt: fc.option(instant, { nil: null }) });
  const notSubmitted: fc.Arbitrary<Obligation> = fc.record({
    deadline,
    report: fc.option(reportOf(["DRAFT", "RETURNED"]), { nil: null }),
  });
  const anyObligation: fc.Arbitrary<Obligation> = fc.record({
    deadline,
    report: fc.option(reportOf(["DRAFT", "SUBMITTED", "RETURNED", "APPROVED"]), { nil: null }),
  });
  const nearDays = fc.integer({ min: 0, max: 60 });

  it("never lets a not-submitted obligation get better as time passes, and never leaves RED", () => {
    fc.assert(
      fc.property(notSubmitted, instant, instant, nearDays, (obligation, a, b, near) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const before = lightFor(obligation, earlier, near).light;
        const after = lightFor(obligation, later, near).light;
        expect(LIGHT_ORDER[after]).toBeGreaterThanOrEqual(LIGHT_ORDER[before]);
        if (before === "RED") expect(after).toBe("RED");
      }),
    );
  });

  it("gives the same answer for the same inputs", () => {
    fc.assert(
      fc.property(anyObligation, instant, nearDays, (obligation, now, near) => {
        const copy: Obligation = structuredClone(obligation);
        expect(lightFor(copy, new Date(now.getTime()), near)).toEqual(lightFor(obligation, now, near));
      }),
    );
  });
});

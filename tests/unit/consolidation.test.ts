import { describe, expect, it } from "vitest";
import { consolidate, isCounted } from "@/lib/reporting/consolidation";

describe("consolidate", () => {
  it("puts the lead first and adds up events, people and outputs per name and unit", () => {
    const result = consolidate(
      { unitName: "市教育局", figures: { eventsHeld: 12, peopleReached: null, outputs: [{ name: "科普讲座", value: 12, unit: "场" }] } },
      [
        {
          unitName: "市卫生健康委",
          figures: {
            eventsHeld: 5,
            peopleReached: 1000,
            outputs: [
              { name: " 科普讲座 ", value: 0.1, unit: "场" },
              { name: "科普讲座", value: 2, unit: "次" },
            ],
          },
        },
        { unitName: "市妇联", figures: { eventsHeld: null, peopleReached: 200, outputs: [{ name: "科普讲座", value: 0.2, unit: "场" }] } },
      ],
    );
    expect(result.rows.map((row) => [row.unitName, row.own])).toEqual([
      ["市教育局", true],
      ["市卫生健康委", false],
      ["市妇联", false],
    ]);
    expect(result.total).toEqual({
      eventsHeld: 17,
      peopleReached: 1200,
      outputs: [
        { name: "科普讲座", value: 12.3, unit: "场" },
        { name: "科普讲座", value: 2, unit: "次" },
      ],
    });
  });

  it("leaves a figure nobody gave empty rather than zero", () => {
    const result = consolidate({ unitName: "市教育局", figures: { eventsHeld: null, peopleReached: null, outputs: [] } }, []);
    expect(result.total).toEqual({ eventsHeld: null, peopleReached: null, outputs: [] });
  });

  it("counts submitted and approved reports only", () => {
    expect(["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"].filter(isCounted)).toEqual(["SUBMITTED", "APPROVED"]);
  });
});

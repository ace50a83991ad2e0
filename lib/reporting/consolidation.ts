// The lead unit's consolidation: its own numeric outputs beside those of the supporters whose
// reports count (submitted or approved), added up. Pure, so the sums are tested without a database.

/** States in which a supporter's report is shared with the lead unit and counted in its sums. */
export const COUNTED_STATES = ["SUBMITTED", "APPROVED"] as const;

export function isCounted(state: string): boolean {
  return (COUNTED_STATES as readonly string[]).includes(state);
}

export interface OutputFigures {
  eventsHeld: number | null;
  peopleReached: number | null;
  outputs: { name: string; value: number; unit: string }[];
}

export interface ConsolidatedRow extends OutputFigures {
  unitName: string;
  /** The lead unit's own row (its saved report), as opposed to a supporter's. */
  own: boolean;
}

export interface Consolidation {
  rows: ConsolidatedRow[];
  /** null where no counted report gives the figure at all. */
  total: OutputFigures;
}

function sum(values: (number | null)[]): number | null {
  const given = values.filter((value): value is number => value !== null);
  return given.length === 0 ? null : given.reduce((acc, value) => acc + value, 0);
}

/**
 * The lead's row first, then the counted supporters' rows in the order given, and the total:
 * events and people added up, other outputs added up per name and unit (trimmed; 讲座/场 and
 * 讲座/次 stay apart), in the order they first appear.
 */
export function consolidate(
  lead: { unitName: string; figures: OutputFigures },
  supporters: { unitName: string; figures: OutputFigures }[],
): Consolidation {
  const rows: ConsolidatedRow[] = [
    { unitName: lead.unitName, own: true, ...lead.figures },
    ...supporters.map((supporter) => ({ unitName: supporter.unitName, own: false, ...supporter.figures })),
  ];
  const outputs = new Map<string, { name: string; value: number; unit: string }>();
  for (const output of rows.flatMap((row) => row.outputs)) {
    const name = output.name.trim();
    const unit = output.unit.trim();
    const key = JSON.stringify([name, unit]);
    const current = outputs.get(key);
    // Rounded, so 0.1 + 0.2 shows as 0.3.
    if (current) current.value = Math.round((current.value + output.value) * 1e6) / 1e6;
    else outputs.set(key, { name, unit, value: output.value });
  }
  return {
    rows,
    total: {
      eventsHeld: sum(rows.map((row) => row.eventsHeld)),
      peopleReached: sum(rows.map((row) => row.peopleReached)),
      outputs: [...outputs.values()],
    },
  };
}

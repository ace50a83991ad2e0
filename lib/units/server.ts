import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/server/record";
import { endUserSessions } from "@/lib/core/auth/sessions";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { onUniqueViolation, UNIQUE_KEYS } from "@/lib/core/unique-violation";
import { fieldErrorKeys } from "@/lib/core/form";
import { auditTarget } from "@/lib/core/operations";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { UNIT_OPERATIONS } from "@/lib/units/operations";
import {
  createUnitSchema,
  mergeUnitSchema,
  renameUnitSchema,
  unitCommandSchema,
  type CreateUnitInput,
  type MergeUnitInput,
  type RenameUnitInput,
  type UnitCommandInput,
} from "@/lib/units/schemas";

type Tx = Prisma.TransactionClient;

/** How many conflicts a refusal names before it says 等: enough to find them, short enough to read. */
const LISTED_CONFLICTS = 5;

/** The data layer applies the form's schema again, so a caller that bypasses the action gets the same rules. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "VALIDATION", {}, fieldErrorKeys(parsed.error));
  return parsed.data;
}

/** A name must be nobody else's: neither another unit's current name nor one it was known by before. */
async function assertNameFree(tx: Tx, name: string, ownUnitId: number | null) {
  const other = ownUnitId === null ? {} : { not: ownUnitId };
  const taken = () => new AppError("VALIDATION", "unitNameTaken", { name }, { name: "unitNameTaken" });
  if (await tx.unit.findFirst({ where: { name, id: other }, select: { id: true } })) throw taken();
  const former = await tx.unitName.findFirst({ where: { name, unitId: other }, select: { unit: { select: { name: true } } } });
  // A unit that took the name a moment ago, after the look above (PostgreSQL reads each statement afresh), holds it as its current name.
  if (former?.unit.name === name) throw taken();
  if (former) throw new AppError("VALIDATION", "unitNameFormer", { name, unit: former.unit.name }, { name: "unitNameTaken" });
}

/** A name taken by a concurrent create or rename after assertNameFree looked: the unique index refuses it, with the same message. */
const nameTakenMeanwhile = (name: string) =>
  [[UNIQUE_KEYS.unitName, () => new AppError("VALIDATION", "unitNameTaken", { name }, { name: "unitNameTaken" })]] as const;

/** Claims the version the form was opened at; of two concurrent edits the second gets a conflict. */
async function claimVersion(tx: Tx, unitId: number, version: number, data: Prisma.UnitUncheckedUpdateManyInput) {
  const { count } = await tx.unit.updateMany({ where: { id: unitId, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new AppError("CONFLICT", "staleUnit");
  return version + 1;
}

async function unitOrNotFound(tx: Tx, unitId: number) {
  const unit = await tx.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new AppError("NOT_FOUND");
  return unit;
}

const list = (entries: string[]) =>
  entries.slice(0, LISTED_CONFLICTS).join("；") + (entries.length > LISTED_CONFLICTS ? ` 等 ${entries.length} 项` : "");

/** Every unit with its state, names over time and how much work it holds: the registry's list. */
export async function listUnitRegistry(actor: Actor | null) {
  await authorize(actor, UNIT_OPERATIONS.readRegistry);
  const [units, assignments, liaisons] = await Promise.all([
    db.unit.findMany({
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      include: {
        names: { orderBy: [{ id: "asc" }] },
        mergedInto: { select: { id: true, name: true } },
      },
    }),
    db.assignment.groupBy({ by: ["unitId"], _count: { _all: true } }),
    db.user.groupBy({ by: ["unitId"], where: { disabled: false, unitId: { not: null } }, _count: { _all: true } }),
  ]);
  const count = (rows: { unitId: number | null; _count: { _all: number } }[], unitId: number) =>
    rows.find((row) => row.unitId === unitId)?._count._all ?? 0;
  return units.map((unit) => ({
    ...unit,
    formerNames: unit.names.filter((name) => name.validTo !== null && name.name !== unit.name).map((name) => name.name),
    assignments: count(assignments, unit.id),
    enabledAccounts: count(liaisons, unit.id),
  }));
}

/** One unit of the registry: its name history, merges, what it holds, and the units it could be merged into. */
export async function getUnitRegistryEntry(actor: Actor | null, unitId: number) {
  await authorize(actor, UNIT_OPERATIONS.readRegistry, unitId);
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    include: {
      names: { orderBy: [{ id: "asc" }] },
      mergedInto: { select: { id: true, name: true } },
      mergedFrom: { select: { id: true, name: true, deactivatedAt: true }, orderBy: { id: "asc" } },
    },
  });
  if (!unit) throw new AppError("NOT_FOUND");
  const [assignments, reports, enabledAccounts, owedInOpenRounds, mergeTargets] = await Promise.all([
    db.assignment.count({ where: { unitId } }),
    db.progressReport.count({ where: { unitId } }),
    db.user.count({ where: { unitId, disabled: false } }),
    db.progressReport.count({ where: { unitId, round: { status: "OPEN" }, state: { in: ["OWED", "DRAFT", "RETURNED"] } } }),
    db.unit.findMany({
      where: { deactivatedAt: null, id: { not: unitId } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true, type: true },
    }),
  ]);
  return { unit, counts: { assignments, reports, enabledAccounts, owedInOpenRounds }, mergeTargets };
}

/** Adds a unit; its name history starts with this name, from today. */
export async function createUnit(actor: Actor | null, input: CreateUnitInput, now = new Date()) {
  const admin = await authorize(actor, UNIT_OPERATIONS.createUnit);
  const data = parse(createUnitSchema, input);
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        await assertNameFree(tx, data.name, null);
        const last = await tx.unit.findFirst({ orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
        const unit = await tx.unit.create({
          data: { name: data.name, fullName: data.fullName, type: data.type, sortOrder: (last?.sortOrder ?? 0) + 1 },
        });
        await tx.unitName.create({
          data: { unitId: unit.id, name: unit.name, fullName: unit.fullName, validFrom: shanghaiDayStart(shanghaiDate(now)) },
        });
        await appendAudit(
          tx,
          {
            ...auditTarget(UNIT_OPERATIONS.createUnit, unit.id),
            result: "SUCCESS",
            actor: admin,
            details: { after: { name: unit.name, fullName: unit.fullName, type: unit.type } },
          },
          now,
        );
        return unit;
      }),
    nameTakenMeanwhile(data.name),
  );
}

/**
 * Renames a unit from an effective date: Unit.name and fullName become the new ones, the current
 * name's history row closes on that day and a new one opens. The plan's printed text is not touched
 * (PlanItem.fullText, Assignment.printedName keep the name as printed), so pages can show
 * 市科技创新局（原市科技创新委）.
 */
export async function renameUnit(actor: Actor | null, input: RenameUnitInput, now = new Date()) {
  const admin = await authorize(actor, UNIT_OPERATIONS.renameUnit, input.unitId);
  const data = parse(renameUnitSchema, input);
  // The current name is what every page shows, so a rename takes effect on a day already begun.
  if (data.effectiveDate > shanghaiDate(now)) {
    throw new AppError("VALIDATION", "VALIDATION", {}, { effectiveDate: "effectiveInFuture" });
  }
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const unit = await unitOrNotFound(tx, data.unitId);
        if (unit.mergedIntoId !== null) throw new AppError("VALIDATION", "unitMerged");
        if (unit.name === data.name && unit.fullName === data.fullName) {
          throw new AppError("VALIDATION", "VALIDATION", {}, { name: "unitNameUnchanged" });
        }
        const current = await tx.unitName.findFirst({ where: { unitId: unit.id, validTo: null }, orderBy: { id: "desc" } });
        const effective = shanghaiDayStart(data.effectiveDate);
        if (current?.validFrom && effective < current.validFrom) {
          throw new AppError(
            "VALIDATION",
            "VALIDATION",
            { date: shanghaiDate(current.validFrom) },
            { effectiveDate: "effectiveBeforeCurrentName" },
          );
        }
        if (data.name !== unit.name) await assertNameFree(tx, data.name, unit.id);
        const version = await claimVersion(tx, unit.id, data.version, { name: data.name, fullName: data.fullName });
        if (current) await tx.unitName.update({ where: { id: current.id }, data: { validTo: effective } });
        else await tx.unitName.create({ data: { unitId: unit.id, name: unit.name, fullName: unit.fullName, validTo: effective } });
        await tx.unitName.create({
          data: { unitId: unit.id, name: data.name, fullName: data.fullName, validFrom: effective, reason: data.reason ?? null },
        });
        await appendAudit(
          tx,
          {
            ...auditTarget(UNIT_OPERATIONS.renameUnit, unit.id),
            result: "SUCCESS",
            actor: admin,
            details: {
              before: { name: unit.name, fullName: unit.fullName },
              after: { name: data.name, fullName: data.fullName },
              effectiveDate: data.effectiveDate,
              reason: data.reason ?? null,
              version,
            },
          },
          now,
        );
        return { version };
      }),
    nameTakenMeanwhile(data.name),
  );
}

/**
 * Merges a unit into another (two departments combined): its assignments, reports, chases, report
 * events, indicator values, district plans and accounts move to the surviving unit, in one
 * transaction. An item both hold keeps one assignment (the lead's, both notes kept). A report both
 * owe for the same item in the same round, or a value both have for the same indicator and year,
 * would lose one of them: the merge is then refused, naming them, and nothing changes. The merged
 * unit stays, deactivated, with its name history, pointing at the survivor.
 */
export async function mergeUnit(actor: Actor | null, input: MergeUnitInput, now = new Date()) {
  const admin = await authorize(actor, UNIT_OPERATIONS.mergeUnit, input.unitId);
  const data = parse(mergeUnitSchema, input);
  return db.$transaction(async (tx) => {
    const from = await unitOrNotFound(tx, data.unitId);
    const into = await tx.unit.findUnique({ where: { id: data.intoUnitId } });
    if (!into) throw new AppError("VALIDATION", "VALIDATION", {}, { intoUnitId: "invalid" });
    if (from.mergedIntoId !== null) throw new AppError("VALIDATION", "unitMerged");
    if (into.deactivatedAt !== null) throw new AppError("VALIDATION", "VALIDATION", {}, { intoUnitId: "mergeIntoInactive" });

    // Reports both owe in the same round for the same item: refuse, naming them.
    const keyOf = (row: { roundId: number; itemId: number }) => `${row.roundId}:${row.itemId}`;
    const intoReports = new Set(
      (await tx.progressReport.findMany({ where: { unitId: into.id }, select: { roundId: true, itemId: true } })).map(keyOf),
    );
    const clashes = (
      await tx.progressReport.findMany({
        where: { unitId: from.id },
        select: { roundId: true, itemId: true, round: { select: { name: true } }, item: { select: { number: true, title: true } } },
        orderBy: [{ roundId: "asc" }, { itemId: "asc" }],
      })
    ).filter((row) => intoReports.has(keyOf(row)));
    if (clashes.length > 0) {
      throw new AppError("CONFLICT", "unitMergeReportConflict", {
        unit: from.name,
        into: into.name,
        count: clashes.length,
        list: list(clashes.map((row) => `${row.round.name}：${row.item.number ?? ""}${row.item.title}`)),
      });
    }
    // Values both have for the same indicator and year (district figures): refuse too.
    const intoValues = new Set(
      (await tx.indicatorValue.findMany({ where: { districtId: into.id }, select: { indicatorId: true, year: true } })).map(
        (row) => `${row.indicatorId}:${row.year}`,
      ),
    );
    const valueClashes = (
      await tx.indicatorValue.findMany({
        where: { districtId: from.id },
        select: { indicatorId: true, year: true, indicator: { select: { name: true } } },
        orderBy: [{ indicatorId: "asc" }, { year: "asc" }],
      })
    ).filter((row) => intoValues.has(`${row.indicatorId}:${row.year}`));
    if (valueClashes.length > 0) {
      throw new AppError("CONFLICT", "unitMergeValueConflict", {
        unit: from.name,
        into: into.name,
        count: valueClashes.length,
        list: list(valueClashes.map((row) => `${row.indicator.name} ${row.year}年`)),
      });
    }

    const version = await claimVersion(tx, from.id, data.version, { deactivatedAt: from.deactivatedAt ?? now, mergedIntoId: into.id });

    // Items both hold: one assignment stays, the lead's (the survivor's when both have the same role).
    const intoAssignments = new Map(
      (await tx.assignment.findMany({ where: { unitId: into.id } })).map((assignment) => [assignment.itemId, assignment]),
    );
    let combined = 0;
    for (const assignment of await tx.assignment.findMany({ where: { unitId: from.id } })) {
      const other = intoAssignments.get(assignment.itemId);
      if (!other) continue;
      combined++;
      const fromWins = assignment.role === "LEAD" && other.role !== "LEAD";
      const note = [other.note, assignment.note].filter((text): text is string => Boolean(text)).join("；") || null;
      if (fromWins) {
        await tx.assignment.delete({ where: { id: other.id } });
        await tx.assignment.update({ where: { id: assignment.id }, data: { unitId: into.id, note } });
      } else {
        await tx.assignment.delete({ where: { id: assignment.id } });
        await tx.assignment.update({ where: { id: other.id }, data: { note } });
      }
    }
    const moved = { unitId: into.id };
    const assignments = (await tx.assignment.updateMany({ where: { unitId: from.id }, data: moved })).count;
    const reports = (await tx.progressReport.updateMany({ where: { unitId: from.id }, data: moved })).count;
    const chases = (await tx.chase.updateMany({ where: { unitId: from.id }, data: moved })).count;
    const events = (await tx.reportEvent.updateMany({ where: { unitId: from.id }, data: moved })).count;
    const indicatorValues = (await tx.indicatorValue.updateMany({ where: { districtId: from.id }, data: { districtId: into.id } })).count;
    const districtPlans = (await tx.plan.updateMany({ where: { districtId: from.id }, data: { districtId: into.id } })).count;
    // Accounts follow their unit; like any change of unit, it needs a new sign-in.
    const accounts = await tx.user.findMany({ where: { unitId: from.id }, select: { id: true, username: true } });
    await tx.user.updateMany({ where: { unitId: from.id }, data: { ...moved, version: { increment: 1 } } });
    let sessionsEnded = 0;
    for (const account of accounts) sessionsEnded += await endUserSessions(tx, account.id, "ROLE_CHANGED", now);
    await tx.unit.update({ where: { id: into.id }, data: { version: { increment: 1 } } });

    const counts = {
      assignments: assignments + combined,
      assignmentsCombined: combined,
      reports,
      chases,
      events,
      indicatorValues,
      districtPlans,
      accounts: accounts.length,
      sessionsEnded,
    };
    await appendAudit(
      tx,
      {
        ...auditTarget(UNIT_OPERATIONS.mergeUnit, from.id),
        result: "SUCCESS",
        actor: admin,
        details: {
          before: { name: from.name },
          into: { id: into.id, name: into.name },
          moved: counts,
          accounts: accounts.map((account) => account.username),
          version,
        },
      },
      now,
    );
    return { version, moved: counts };
  });
}

/**
 * Deactivates a unit that no longer exists (no new assignments; its records stay and are shown),
 * or reactivates it. Refused while accounts of the unit are still enabled — the account
 * administrator disables or moves them first (CAST does not manage accounts) — and while it still
 * owes reports in an open round: those are due, or belong to a successor through a merge.
 */
export async function setUnitActive(
  actor: Actor | null,
  input: Pick<UnitCommandInput, "unitId" | "version">,
  active: boolean,
  now = new Date(),
) {
  const operation = active ? UNIT_OPERATIONS.reactivateUnit : UNIT_OPERATIONS.deactivateUnit;
  const admin = await authorize(actor, operation, input.unitId);
  const data = parse(unitCommandSchema, { ...input, command: active ? "reactivate" : "deactivate" });
  return db.$transaction(async (tx) => {
    const unit = await unitOrNotFound(tx, data.unitId);
    if (active) {
      if (unit.mergedIntoId !== null) throw new AppError("VALIDATION", "unitMerged");
      if (unit.deactivatedAt === null) throw new AppError("CONFLICT", "unitAlreadyActive");
    } else {
      if (unit.deactivatedAt !== null) throw new AppError("CONFLICT", "unitAlreadyInactive");
      const accounts = await tx.user.count({ where: { unitId: unit.id, disabled: false } });
      if (accounts > 0) throw new AppError("VALIDATION", "unitHasAccounts", { count: accounts });
      const owed = await tx.progressReport.count({
        where: { unitId: unit.id, round: { status: "OPEN" }, state: { in: ["OWED", "DRAFT", "RETURNED"] } },
      });
      if (owed > 0) throw new AppError("VALIDATION", "unitOwesReports", { count: owed });
    }
    const version = await claimVersion(tx, unit.id, data.version, { deactivatedAt: active ? null : now });
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, unit.id),
        result: "SUCCESS",
        actor: admin,
        details: { name: unit.name, before: { deactivated: !active }, after: { deactivated: active ? false : true }, version },
      },
      now,
    );
    return { version };
  });
}

/**
 * The unit a name stands for, current or former (a name from before a rename, as an older
 * document prints it), following merges to the surviving unit. For code that reads unit names
 * typed or printed elsewhere (a plan workbook), inside its own checked operation.
 */
export async function findUnitByAnyName(name: string, client: Tx = db) {
  type Found = { id: number; name: string; mergedIntoId: number | null };
  const select = { id: true, name: true, mergedIntoId: true } as const;
  const trimmed = name.trim();
  let unit: Found | null = await client.unit.findUnique({ where: { name: trimmed }, select });
  let former = false;
  if (!unit) {
    const row = await client.unitName.findFirst({ where: { name: trimmed }, orderBy: { id: "desc" }, select: { unit: { select } } });
    if (!row) return null;
    unit = row.unit;
    former = true;
  }
  const seen = new Set<number>();
  while (unit.mergedIntoId !== null && !seen.has(unit.id)) {
    seen.add(unit.id);
    const next: Found | null = await client.unit.findUnique({ where: { id: unit.mergedIntoId }, select });
    if (!next) break;
    unit = next;
    former = true;
  }
  return { id: unit.id, name: unit.name, viaFormerName: former };
}

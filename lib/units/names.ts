/**
 * How a unit is named where the plan printed another name (a unit renamed or merged since):
 * pages show the current name, followed by the name as printed, e.g. 市科技创新局（原市科技创新委）.
 * Pure: used by the data layer for tables and exports and by components.
 */

/** The printed name when it differs from the current one, else null. */
export function formerPrintedName(currentName: string, printedName: string | null | undefined): string | null {
  return printedName && printedName !== currentName ? printedName : null;
}

/** 市科技创新局（原市科技创新委）: the Chinese form used in tables and the official exports. */
export function unitNameAsPrinted(currentName: string, printedName: string | null | undefined): string {
  const former = formerPrintedName(currentName, printedName);
  return former ? `${currentName}（原${former}）` : currentName;
}

/** The condition for units that may take new work: not deactivated (a merged unit is deactivated too). */
export const ACTIVE_UNIT = { deactivatedAt: null } as const;

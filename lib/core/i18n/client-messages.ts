/**
 * The parts of the message catalogue that client components use. The root layout hands only
 * these to <NextIntlClientProvider>, so a page's HTML carries the strings its interactive parts
 * may render, not the whole catalogue (server components translate on the server and send text).
 *
 * Each entry is a namespace or a dotted path into one (`plans.cycles`); a client component's
 * `useTranslations("x")` needs `x` (or an ancestor) here, and every key a client module names with
 * the root translator (`t("users.saved")`, `` t(`roles.${role}`) ``) needs a covering entry.
 * tests/unit/client-messages.test.ts scans every module in the client bundle and fails when a used
 * path is not covered, or when an entry covers nothing a client module uses.
 */
export const CLIENT_MESSAGE_PATHS = [
  "account",
  "accountRequests",
  "assessment.chasePenalty",
  "assessment.compute",
  "assessment.computed",
  "assessment.create",
  "assessment.createHint",
  "assessment.finalise",
  "assessment.finaliseConfirm",
  "assessment.finaliseDescription",
  "assessment.finaliseTitle",
  "assessment.rulesHint",
  "assessment.rulesSaved",
  "assessment.saveRules",
  "assessment.weightLabel",
  "assessment.yearLabel",
  "audit",
  "confirmDialog",
  "errors.retry",
  "errors.unexpectedBody",
  "errors.unexpectedTitle",
  "evaluation.conclusion",
  "evaluation.finalise",
  "evaluation.finaliseConfirmDescription",
  "evaluation.finaliseConfirmTitle",
  "evaluation.open",
  "evaluation.overallConclusion",
  "evaluation.planLabel",
  "evaluation.refresh",
  "evaluation.refreshConfirmDescription",
  "evaluation.refreshConfirmTitle",
  "evaluation.refreshed",
  "evaluation.saveConclusions",
  "evaluation.saved",
  "evaluation.sectionConclusion",
  "evaluation.titleHint",
  "evaluation.titleLabel",
  "feedback.decision",
  "fields",
  "inbox.empty",
  "inbox.markAllRead",
  "inbox.markRead",
  "inbox.markedAllRead",
  "inbox.markedRead",
  "inbox.unreadMark",
  "indicators.citywide",
  "indicators.comparators",
  "indicators.composite.form",
  "indicators.directions",
  "indicators.district",
  "indicators.form",
  "indicators.listSeparator",
  "indicators.method",
  "indicators.saveValue",
  "indicators.saveValueHint",
  "indicators.source",
  "indicators.targetPhrase",
  "indicators.valueSaved",
  "indicators.valueWithUnit",
  "indicators.year",
  "ledgerImport.apply",
  "ledgerImport.applying",
  "ledgerImport.chooseFile",
  "ledgerImport.discard",
  "ledgerImport.fileHint",
  "ledgerImport.fileLabel",
  "ledgerImport.modeDraft",
  "ledgerImport.modeDraftHint",
  "ledgerImport.modeLegend",
  "ledgerImport.modeSubmit",
  "ledgerImport.modeSubmitHint",
  "ledgerImport.noFileChosen",
  "ledgerImport.nothingToSave",
  "ledgerImport.ownUnit",
  "ledgerImport.progress",
  "ledgerImport.progressLabel",
  "ledgerImport.unitHint",
  "ledgerImport.unitLabel",
  "ledgerImport.unitPlaceholder",
  "ledgerImport.upload",
  "ledgerImport.uploading",
  "login",
  "measureUnits",
  "nav",
  "planAuthoring",
  "planImport.apply",
  "planImport.applying",
  "planImport.chooseFile",
  "planImport.discard",
  "planImport.fileHint",
  "planImport.fileLabel",
  "planImport.noFileChosen",
  "planImport.targetHint",
  "planImport.targetLabel",
  "planImport.targetNew",
  "planImport.targetVersion",
  "planImport.upload",
  "planImport.uploading",
  "plans.cycles",
  "plans.dueDate",
  "plans.form",
  "plans.periods",
  "plans.phase",
  "plans.reportingCycle",
  "plans.roles",
  "plans.startDate",
  "reports",
  "review.bulk",
  "review.onBehalf",
  "roleDescriptions",
  "roles",
  "rounds",
  "shell",
  "unitType",
  "units.registry",
  "users",
] as const;

type Messages = { [key: string]: unknown };

/** A copy of `messages` holding only the given dotted paths (missing paths are skipped). */
export function pickMessages(messages: Messages, paths: readonly string[] = CLIENT_MESSAGE_PATHS): Messages {
  const picked: Messages = {};
  for (const path of paths) {
    const keys = path.split(".");
    let source: unknown = messages;
    for (const key of keys) source = source && typeof source === "object" ? (source as Messages)[key] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target = (next && typeof next === "object" ? next : (target[key] = {})) as Messages;
    }
    target[keys[keys.length - 1]!] = source;
  }
  return picked;
}

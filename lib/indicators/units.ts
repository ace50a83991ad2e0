/**
 * An indicator's unit of measure in the reader's language. Units are typed in Chinese (个, 场,
 * 人次…); an English sentence such as "Baseline 12个 in 2020" reads wrongly, so the common ones
 * have English names in the message files (`measureUnits.*`: 12 items, 3 events, 400 person-times)
 * and any other unit is kept as typed, set apart by a space. `%` stays `%` in every language.
 */
const KNOWN_UNITS: Record<string, string> = {
  "%": "percent",
  个: "items",
  场: "events",
  人次: "personTimes",
  万人次: "tenThousandPersonTimes",
  人: "people",
  次: "times",
  家: "organisations",
  所: "institutions",
  项: "projects",
  篇: "articles",
  件: "pieces",
};

interface Translate {
  (key: string, values?: Record<string, string | number>): string;
}

/** What follows a number in a sentence ("{value}{unit}"): 个 in Chinese, " items" in English. */
export function unitSuffix(t: Translate, unit: string): string {
  const key = KNOWN_UNITS[unit];
  return key ? t(`measureUnits.suffix.${key}`) : t("measureUnits.otherSuffix", { unit });
}

/** The unit on its own, e.g. in a column heading "Value (items)". */
export function unitName(t: Translate, unit: string): string {
  const key = KNOWN_UNITS[unit];
  return key ? t(`measureUnits.name.${key}`) : unit;
}

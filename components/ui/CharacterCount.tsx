"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** The share of the limit left at which the remaining characters are announced. */
const NEAR_SHARE = 0.1;

type Band = "room" | "near" | "full";

function bandOf(length: number, max: number): Band {
  if (length >= max) return "full";
  return max - length <= Math.ceil(max * NEAR_SHARE) ? "near" : "room";
}

/**
 * "已输入 123 / 5000 字" under a long text field, counting as the field's `maxLength` does. The
 * field names it in `aria-describedby`, so it is read on focus; typing is announced politely only
 * when the text comes near the limit and when it reaches it, not at every keystroke.
 */
export function CharacterCount({ fieldId, max, initialLength }: { fieldId: string; max: number; initialLength: number }) {
  const t = useTranslations("fields");
  const [length, setLength] = useState(initialLength);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    const field = document.getElementById(fieldId);
    if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return;
    let band = bandOf(field.value.length, max);
    const update = () => {
      const now = field.value.length;
      setLength(now);
      const next = bandOf(now, max);
      if (next !== band && next !== "room")
        setAnnouncement(next === "full" ? t("atLimit", { max }) : t("nearLimit", { remaining: max - now }));
      if (next === "room") setAnnouncement("");
      band = next;
    };
    update();
    field.addEventListener("input", update);
    return () => field.removeEventListener("input", update);
  }, [fieldId, max, t]);
  return (
    <>
      <p
        id={`${fieldId}-count`}
        data-testid={`${fieldId}-count`}
        className={`text-xs ${length >= max ? "text-red-700" : "text-slate-600"}`}
      >
        {t("count", { count: length, max })}
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

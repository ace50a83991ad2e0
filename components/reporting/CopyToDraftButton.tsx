"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";

/** The report form's text fields a supporter's text is copied into. */
const FIELDS = ["workDone", "problems", "nextSteps"] as const;
type TextField = (typeof FIELDS)[number];

/**
 * Appends a supporter's text to the lead's draft, in the browser: each field's text goes to the
 * same field of the report form on this page, after what is already there (typed or saved),
 * marked 【unit】. Nothing is saved until the lead saves the draft, so nothing typed is lost and
 * no version is taken from under the open form. A second click adds nothing twice.
 */
export function CopyToDraftButton({ unitName, texts }: { unitName: string; texts: Record<TextField, string> }) {
  const t = useTranslations("reports.consolidation");
  const [message, setMessage] = useState("");
  const copy = () => {
    let copied = 0;
    for (const field of FIELDS) {
      const text = texts[field].trim();
      const target = document.querySelector<HTMLTextAreaElement>(`form textarea[name="${field}"]`);
      if (!text || !target) continue;
      const insertion = `【${unitName}】${text}`;
      if (target.value.includes(insertion)) continue;
      const next = target.value.trim() === "" ? insertion : `${target.value.trimEnd()}\n\n${insertion}`;
      // Through the native setter and an input event, so a controlled field (a counter) sees the change too.
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(target, next);
      target.dispatchEvent(new Event("input", { bubbles: true }));
      copied += 1;
    }
    setMessage(copied > 0 ? t("copied", { unit: unitName }) : t("alreadyCopied", { unit: unitName }));
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" className="px-2 py-1" onClick={copy}>
        {t("copy", { unit: unitName })}
      </Button>
      <span role="status" className="text-sm text-green-800">
        {message}
      </span>
    </div>
  );
}

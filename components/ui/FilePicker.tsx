"use client";

import { buttonClasses } from "./Button";

interface FilePickerProps {
  /** The file input's id (its visible label, outside, points to it). */
  id: string;
  accept: string;
  /** The chosen file's name, kept by the form (which may clear it on reset), or null. */
  chosen: string | null;
  onChoose: (name: string | null) => void;
  chooseLabel: string;
  noFileLabel: string;
  /** Further ids describing the input (a hint, an error), after the chosen file's name. */
  describedBy?: string;
  invalid?: boolean;
  /** The chosen-name line's id and test id (`<id>-chosen` unless given). */
  chosenId?: string;
}

/**
 * A file input that reads in Chinese whatever the browser's language: the native control is
 * visually hidden (still focusable and announced), a button-styled label opens it, and the
 * chosen file's name (or 未选择文件) is shown and read with it.
 */
export function FilePicker({ id, accept, chosen, onChoose, chooseLabel, noFileLabel, describedBy, invalid, chosenId }: FilePickerProps) {
  const chosenLine = chosenId ?? `${id}-chosen`;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <input
        id={id}
        name="file"
        type="file"
        required
        accept={accept}
        aria-describedby={[chosenLine, describedBy].filter(Boolean).join(" ")}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => onChoose(event.currentTarget.files?.[0]?.name ?? null)}
        className="peer sr-only"
      />
      <label
        htmlFor={id}
        className={`${buttonClasses("secondary")} cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600`}
      >
        {chooseLabel}
      </label>
      <span id={chosenLine} className="text-sm text-slate-700" data-testid={chosenLine}>
        {chosen ?? noFileLabel}
      </span>
    </div>
  );
}

import { CharacterCount } from "./CharacterCount";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldFrameProps {
  id: string;
  label: string;
  /** Shown (and read) after the label, e.g. 提交时必填 for a field only submitting requires. */
  labelNote?: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** Label, control, hint and error, wired together for screen readers. */
function FieldFrame({ id, label, labelNote, error, hint, children }: FieldFrameProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {labelNote ? <span className="ml-2 text-xs font-normal text-slate-600">{labelNote}</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const CONTROL = "block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:border-brand-600";

function describedBy(id: string, error?: string, hint?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & { id: string; label: string; error?: string; hint?: string };

export function TextField({ id, label, error, hint, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${CONTROL} ${error ? "border-red-600" : "border-slate-300"}`}
      />
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  id: string;
  label: string;
  labelNote?: string;
  error?: string;
  hint?: string;
};

/**
 * A long text field; with `maxLength` (the schema's limit) it states the limit and counts as the
 * user types (已输入 123 / 5000 字).
 */
export function TextAreaField({ id, label, labelNote, error, hint, rows = 4, maxLength, ...textarea }: TextAreaFieldProps) {
  const initial = textarea.value ?? textarea.defaultValue;
  return (
    <FieldFrame id={id} label={label} labelNote={labelNote} error={error} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        {...textarea}
        aria-invalid={error ? true : undefined}
        maxLength={maxLength}
        aria-describedby={[describedBy(id, error, hint), maxLength ? `${id}-count` : null].filter(Boolean).join(" ") || undefined}
        className={`${CONTROL} ${error ? "border-red-600" : "border-slate-300"}`}
      />
      {maxLength ? <CharacterCount fieldId={id} max={maxLength} initialLength={typeof initial === "string" ? initial.length : 0} /> : null}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
};

export function SelectField({ id, label, error, hint, options, placeholder, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${CONTROL} bg-white ${error ? "border-red-600" : "border-slate-300"}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

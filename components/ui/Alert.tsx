import type { ComponentPropsWithRef, ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "error";

const TONES: Record<Tone, string> = {
  info: "border-brand-100 bg-brand-50 text-brand-800",
  success: "border-green-200 bg-green-50 text-green-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-900",
};

type AlertProps = Omit<ComponentPropsWithRef<"div">, "role" | "children"> & {
  tone?: Tone;
  /** False inside a live region that already announces it (FormStatus). */
  announce?: boolean;
  children: ReactNode;
};

/** A message box; errors are announced to screen readers as they appear. */
export function Alert({ tone = "info", announce = true, className = "", children, ...props }: AlertProps) {
  return (
    <div
      {...props}
      role={announce ? (tone === "error" ? "alert" : "status") : undefined}
      className={`rounded-md border px-4 py-3 text-sm ${TONES[tone]} ${className}`}
    >
      {children}
    </div>
  );
}

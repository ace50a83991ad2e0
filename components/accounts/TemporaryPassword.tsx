import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/Alert";

/** Shown once after creating an account or resetting its password. */
export function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const t = useTranslations("users");
  return (
    <Alert tone="success">
      <p>{t("temporaryPasswordIntro", { username })}</p>
      <p className="mt-2">
        <code data-testid="temporary-password" className="rounded bg-white px-2 py-1 font-mono text-base text-slate-900">
          {password}
        </code>
      </p>
      <p className="mt-2">{t("temporaryPasswordOnce")}</p>
    </Alert>
  );
}

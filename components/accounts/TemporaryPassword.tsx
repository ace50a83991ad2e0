import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/Alert";

/** Shown once after creating an account or resetting its password. */
export function TemporaryPassword({ username, password, announce = true }: { username: string; password: string; announce?: boolean }) {
  if (!announce) return <TemporaryPasswordText username={username} password={password} />;
  return (
    <Alert tone="success">
      <TemporaryPasswordText username={username} password={password} />
    </Alert>
  );
}

/** The text alone, for a message box that already frames and announces it (FormStatus). */
function TemporaryPasswordText({ username, password }: { username: string; password: string }) {
  const t = useTranslations("users");
  return (
    <>
      <p>{t("temporaryPasswordIntro", { username })}</p>
      <p className="mt-2">
        <code data-testid="temporary-password" className="rounded bg-white px-2 py-1 font-mono text-base text-slate-900">
          {password}
        </code>
      </p>
      <p className="mt-2">{t("temporaryPasswordOnce")}</p>
    </>
  );
}

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/Badge";

interface AccountStatusProps {
  disabled: boolean;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  isDemo: boolean;
  now: Date;
}

export function AccountStatus({ disabled, lockedUntil, mustChangePassword, isDemo, now }: AccountStatusProps) {
  const t = useTranslations("users.status");
  return (
    <span className="flex flex-wrap gap-1">
      {disabled ? <Badge tone="red">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>}
      {lockedUntil && lockedUntil > now ? <Badge tone="amber">{t("locked")}</Badge> : null}
      {mustChangePassword ? <Badge tone="blue">{t("mustChangePassword")}</Badge> : null}
      {isDemo ? <Badge>{t("demo")}</Badge> : null}
    </span>
  );
}

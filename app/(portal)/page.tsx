import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/Alert";
import { can } from "@/lib/auth/permissions";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { listUnitsByType } from "@/lib/server/units";

export default async function HomePage({ searchParams }: PageProps<"/">) {
  const actor = await requirePageActor();
  // Roles without plan work land on their own page.
  if (!can(actor.role, "plan:read")) redirect(can(actor.role, "audit:read") ? "/audit" : "/admin/users");
  const [t, tType, groups, { notice }] = await Promise.all([
    getTranslations("home"),
    getTranslations("unitType"),
    loadForPage(() => listUnitsByType(actor)),
    searchParams,
  ]);
  const total = groups.reduce((sum, group) => sum + group.units.length, 0);
  return (
    <div className="max-w-5xl space-y-6">
      {notice === "passwordChanged" ? <Alert tone="success">{t("passwordChanged")}</Alert> : null}
      <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="leading-relaxed text-slate-700">{t("intro")}</p>
      <section aria-labelledby="units-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="units-heading" className="text-lg font-semibold">
          {t("unitsHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{total > 0 ? t("unitsCount", { count: total }) : t("unitsEmpty")}</p>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          {groups.map((group) => (
            <div key={group.type}>
              <dt className="text-sm font-medium text-slate-800">{tType(group.type)}</dt>
              <dd className="text-sm text-slate-600">{group.units.map((unit) => unit.name).join("、")}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CreateUnitForm } from "@/components/units/CreateUnitForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { UNIT_TYPES } from "@/lib/units/schemas";
import { listUnitRegistry } from "@/lib/units/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("units.registry"))("addHeading") };
}

export default async function NewUnitPage() {
  const actor = await requirePageActor();
  // The registry read is the page's access check (unit:manage): others get 403 before the form.
  await loadForPage(() => listUnitRegistry(actor));
  const t = await getTranslations("units.registry");
  return (
    <div className="max-w-3xl space-y-6">
      <Link href="/units/manage" className="text-sm text-brand-700 underline">
        {t("backToList")}
      </Link>
      <PageHeader title={t("addHeading")} />
      <CreateUnitForm types={[...UNIT_TYPES]} />
    </div>
  );
}

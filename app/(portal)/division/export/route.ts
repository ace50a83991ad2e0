import { attachmentDisposition } from "@/lib/core/csv";
import { divisionCsv, divisionWorkbook } from "@/lib/plans/exports/division";
import { shanghaiDate } from "@/lib/core/time";
import { audit } from "@/lib/audit/server/record";
import { db } from "@/lib/core/db";
import { getDivisionTable } from "@/lib/plans/server/plans";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { readDivisionQuery } from "@/lib/plans/schemas/division";

/** GET /division/export?format=xlsx|csv&plan=&section=&unit=&role= */
export async function GET(request: Request) {
  const parsed = readDivisionQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("筛选条件有误 / invalid filters", { status: 400 });
  const { format = "xlsx", ...filter } = parsed.data;
  const actor = await getActor();
  try {
    const rows = await getDivisionTable(actor, filter);
    const unit = filter.unit ? await db.unit.findUnique({ where: { id: filter.unit }, select: { name: true } }) : null;
    const name = `工作分工表${unit ? `-${unit.name}` : ""}-${shanghaiDate(new Date())}`;
    await audit({ action: "division.export", result: "SUCCESS", actor, objectType: "Assignment", details: { format, filter, rows: rows.length } });
    if (format === "csv") {
      return new Response(divisionCsv(rows), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachmentDisposition(`${name}.csv`), "Cache-Control": "no-store" },
      });
    }
    const workbook = await divisionWorkbook(rows, unit ? `工作分工表（${unit.name}）` : "工作分工表");
    return new Response(new Uint8Array(workbook), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachmentDisposition(`${name}.xlsx`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

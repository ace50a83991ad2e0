import { attachmentDisposition } from "@/lib/core/csv";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { shanghaiDate } from "@/lib/core/time";
import { divisionCsv, divisionWorkbook } from "@/lib/plans/exports/division";
import { divisionFilterSchema } from "@/lib/plans/schemas/division";
import { exportDivisionTable } from "@/lib/plans/server/plans";
import { parseQuery } from "@/lib/core/params";

/** GET /division/export?format=xlsx|csv&plan=&section=&unit=&role=&districts=1 */
export async function GET(request: Request) {
  const parsed = parseQuery(divisionFilterSchema, new URL(request.url).searchParams);
  if (!parsed.success) return new Response("筛选条件有误 / invalid filters", { status: 400 });
  const { format = "xlsx", page: _page, ...filter } = parsed.data;
  try {
    const { rows, unitName, plans, districts } = await exportDivisionTable(await getActor(), filter, format);
    const name = `工作分工表${unitName ? `-${unitName}` : ""}${districts ? "-含各区实施方案" : ""}-${shanghaiDate(new Date())}`;
    if (format === "csv") {
      return new Response(divisionCsv(rows), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": attachmentDisposition(`${name}.csv`),
          "Cache-Control": "no-store",
        },
      });
    }
    const workbook = await divisionWorkbook(rows, unitName ? `工作分工表（${unitName}）` : "工作分工表", { plans, districts });
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

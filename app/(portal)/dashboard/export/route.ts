import { attachmentDisposition } from "@/lib/core/csv";
import { indicatorCsv, indicatorWorkbook, summaryCsv, summaryWorkbook } from "@/lib/outputs/exports/progress";
import { shanghaiDate } from "@/lib/core/time";
import { indicatorTableRows, progressSummaryRows } from "@/lib/outputs/server/dashboard-exports";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { parseQuery } from "@/lib/core/params";
import { dashboardExportQuerySchema } from "@/lib/outputs/schemas";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET /dashboard/export?kind=summary|indicators&format=xlsx|csv&round=ID[&district=ID] */
export async function GET(request: Request) {
  const parsed = parseQuery(dashboardExportQuerySchema, new URL(request.url).searchParams);
  if (!parsed.success) return new Response("参数有误 / invalid parameters", { status: 400 });
  const { kind, format, round: roundId, district: districtId } = parsed.data;
  try {
    const actor = await getActor();
    const today = shanghaiDate(new Date());
    let body: string | Buffer;
    let fileName: string;
    if (kind === "summary" && roundId !== undefined) {
      const { name, rows, district } = await progressSummaryRows(actor, roundId, new Date(), districtId);
      body = format === "csv" ? summaryCsv(rows) : await summaryWorkbook(rows);
      fileName = `进展汇总-${name}${district ? `-${district}` : ""}-${today}.${format}`;
    } else {
      const { years, rows } = await indicatorTableRows(actor);
      body = format === "csv" ? indicatorCsv(rows, years) : await indicatorWorkbook(rows, years);
      fileName = `指标表-${today}.${format}`;
    }
    return new Response(typeof body === "string" ? body : new Uint8Array(body), {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : XLSX,
        "Content-Disposition": attachmentDisposition(fileName),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

import { attachmentDisposition } from "@/lib/core/csv";
import { indicatorCsv, indicatorWorkbook, summaryCsv, summaryWorkbook } from "@/lib/outputs/exports/progress";
import { shanghaiDate } from "@/lib/core/time";
import { indicatorTableRows, progressSummaryRows } from "@/lib/outputs/server/dashboard-exports";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET /dashboard/export?kind=summary|indicators&format=xlsx|csv&round=ID */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const format = params.get("format") ?? "xlsx";
  const roundId = Number(params.get("round"));
  if ((kind !== "summary" && kind !== "indicators") || (format !== "xlsx" && format !== "csv") || (kind === "summary" && !(roundId > 0))) {
    return new Response("参数有误 / invalid parameters", { status: 400 });
  }
  try {
    const actor = await getActor();
    const today = shanghaiDate(new Date());
    let body: string | Buffer;
    let fileName: string;
    if (kind === "summary") {
      const { name, rows } = await progressSummaryRows(actor, roundId);
      body = format === "csv" ? summaryCsv(rows) : await summaryWorkbook(rows);
      fileName = `进展汇总-${name}-${today}.${format}`;
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

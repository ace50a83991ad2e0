import { attachmentDisposition } from "@/lib/core/csv";
import { assessmentWorkbook } from "@/lib/assessment/export";
import { assessmentExportRows } from "@/lib/assessment/server/assessments";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET /assessments/[year]/export: the year's ranked table with every unit's calculation, as .xlsx. */
export async function GET(_request: Request, { params }: { params: Promise<{ year: string }> }) {
  const raw = (await params).year;
  if (!/^[0-9]{4}$/.test(raw)) return new Response("参数有误 / invalid parameters", { status: 400 });
  try {
    const { year, status, rules, scores } = await assessmentExportRows(await getActor(), Number(raw));
    const body = await assessmentWorkbook(year, status, rules, scores);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": attachmentDisposition(`${year}年度考核${status === "FINAL" ? "" : "（草稿）"}.xlsx`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

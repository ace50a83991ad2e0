import { attachmentDisposition } from "@/lib/core/csv";
import { parseQuery } from "@/lib/core/params";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { shanghaiDate } from "@/lib/core/time";
import { templateQuerySchema } from "@/lib/plans/schemas/import";
import { downloadPlanTemplate, downloadPlanWorkbook } from "@/lib/plans/server/plan-import";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET /plans/import/template — the plan workbook template; ?plan=CODE — that plan as a filled workbook. */
export async function GET(request: Request) {
  const parsed = parseQuery(templateQuerySchema, new URL(request.url).searchParams);
  if (!parsed.success) return new Response("参数有误 / invalid query", { status: 400 });
  try {
    const actor = await getActor();
    const { bytes, name } = parsed.data.plan
      ? await downloadPlanWorkbook(actor, parsed.data.plan).then((filled) => ({
          bytes: filled.bytes,
          name: `规划工作簿-${filled.code}-${shanghaiDate(new Date())}.xlsx`,
        }))
      : { bytes: await downloadPlanTemplate(actor), name: "规划导入模板.xlsx" };
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": XLSX, "Content-Disposition": attachmentDisposition(name), "Cache-Control": "no-store" },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

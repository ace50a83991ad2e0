import { attachmentDisposition } from "@/lib/core/csv";
import { shanghaiDate } from "@/lib/core/time";
import { exportAuditCsv } from "@/lib/audit/server/log";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { parseQuery } from "@/lib/core/params";

export async function GET(request: Request) {
  const parsed = parseQuery(auditFilterSchema, new URL(request.url).searchParams);
  if (!parsed.success) return new Response("查询条件有误 / invalid filters", { status: 400 });
  try {
    const { csv } = await exportAuditCsv(await getActor(), parsed.data);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(`审计日志-${shanghaiDate(new Date())}.csv`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

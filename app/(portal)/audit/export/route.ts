import { attachmentDisposition } from "@/lib/export/csv";
import { shanghaiDate } from "@/lib/format/time";
import { exportAuditCsv } from "@/lib/server/audit-log";
import { isAppError } from "@/lib/server/errors";
import { getActor } from "@/lib/server/session";
import { auditFilterSchema } from "@/lib/validation/audit";

export async function GET(request: Request) {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
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
    if (isAppError(error) && error.code === "UNAUTHENTICATED") return new Response("请先登录 / sign in first", { status: 401 });
    if (isAppError(error)) return new Response("无权访问 / forbidden", { status: 403 });
    throw error;
  }
}

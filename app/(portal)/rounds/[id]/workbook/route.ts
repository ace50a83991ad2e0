import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { attachmentDisposition } from "@/lib/core/csv";
import { isAppError } from "@/lib/core/errors";
import { parseIdParam, parseQuery } from "@/lib/core/params";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { roundWorkbookQuerySchema } from "@/lib/reporting/schemas";
import { roundWorkbook } from "@/lib/reporting/server/ledger-export";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET /rounds/[id]/workbook[?unit=ID|all] — the round workbook (填报表) of an open round: a liaison's
 * own unit's; CAST's for any unit or all. A closed round answers 409 with the reason in Chinese.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const roundId = await parseIdParam(params);
  if (roundId === null) return new Response("未找到 / not found", { status: 404 });
  const parsed = parseQuery(roundWorkbookQuerySchema, new URL(request.url).searchParams);
  if (!parsed.success) return new Response("参数有误 / invalid query", { status: 400 });
  try {
    const { fileName, bytes } = await roundWorkbook(await getActor(), roundId, parsed.data.unit);
    return new Response(new Uint8Array(bytes), {
      headers: { "Content-Type": XLSX, "Content-Disposition": attachmentDisposition(fileName), "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "CONFLICT" && error.messageKey === "workbookRoundClosed") {
      return new Response(`${zh.errors.workbookRoundClosed} / ${en.errors.workbookRoundClosed}`, {
        status: 409,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    return refusalResponse(error);
  }
}

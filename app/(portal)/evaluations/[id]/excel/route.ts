import { attachmentDisposition } from "@/lib/core/csv";
import { parseIdParam } from "@/lib/core/params";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { evaluationExcel } from "@/lib/evaluation/server/exports";

/** GET /evaluations/ID/excel — the evaluation's Excel annex (every figure), from its stored newest version. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const evaluationId = await parseIdParam(params);
  if (evaluationId === null) return new Response("未找到 / not found", { status: 404 });
  try {
    const file = await evaluationExcel(await getActor(), evaluationId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachmentDisposition(file.fileName),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

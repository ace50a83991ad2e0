import { attachmentDisposition } from "@/lib/core/csv";
import { parseIdParam } from "@/lib/core/params";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { evaluationWord } from "@/lib/evaluation/server/exports";

/** GET /evaluations/ID/word — the evaluation's Word report, from its stored newest version. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const evaluationId = await parseIdParam(params);
  if (evaluationId === null) return new Response("未找到 / not found", { status: 404 });
  try {
    const file = await evaluationWord(await getActor(), evaluationId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": attachmentDisposition(file.fileName),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

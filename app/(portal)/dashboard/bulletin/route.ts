import { buildBulletin } from "@/lib/outputs/exports/bulletin";
import { attachmentDisposition } from "@/lib/core/csv";
import { bulletinData } from "@/lib/outputs/server/bulletin-data";
import { refusalResponse } from "@/lib/core/responses";
import { getActor } from "@/lib/core/session";
import { parseQuery } from "@/lib/core/params";
import { bulletinHighlightsSchema, bulletinQuerySchema } from "@/lib/outputs/schemas";

/**
 * GET /dashboard/bulletin?round=ID[&highlight=ID…] — the round's 进展通报 as a Word document, with
 * the approved reports picked on the dashboard as highlights (none picked: the portal suggests).
 */
export async function GET(request: Request) {
  const searchParams = new URL(request.url).searchParams;
  const parsed = parseQuery(bulletinQuerySchema, searchParams);
  // A repeated key, which parseQuery (first values) does not carry: read with its own schema.
  const highlights = bulletinHighlightsSchema.safeParse(searchParams.getAll("highlight"));
  if (!parsed.success || !highlights.success) return new Response("参数有误 / invalid parameters", { status: 400 });
  const roundId = parsed.data.round;
  try {
    const data = await bulletinData(await getActor(), roundId, new Date(), highlights.data);
    const document = await buildBulletin(data);
    return new Response(new Uint8Array(document), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": attachmentDisposition(`进展通报-${data.roundName}.docx`),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

import { attachmentDisposition } from "@/lib/core/csv";
import { downloadAttachment } from "@/lib/reporting/server/attachments";
import { refusalResponse } from "@/lib/core/responses";
import { parseIdParam } from "@/lib/core/params";
import { getActor } from "@/lib/core/session";

/** Evidence files, only for readers of their report, always as a download (never rendered inline). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const attachmentId = await parseIdParam(params);
  if (attachmentId === null) return new Response("未找到 / not found", { status: 404 });
  try {
    const file = await downloadAttachment(await getActor(), attachmentId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentDisposition(file.fileName),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

import { attachmentDisposition } from "@/lib/core/csv";
import { isPreviewable } from "@/lib/core/files/detect-type";
import { downloadAttachment } from "@/lib/reporting/server/attachments";
import { refusalResponse } from "@/lib/core/responses";
import { parseIdParam } from "@/lib/core/params";
import { getActor } from "@/lib/core/session";

/**
 * What a preview may do: nothing. No script, style, font, frame, form, connection or plug-in of its
 * own, and a sandbox (a unique origin, so even a crafted file could not act as the portal).
 * Chromium shows a PDF in its built-in viewer and an image as an image document under exactly this
 * policy (both checked by hand in Chromium 156; tests/e2e/finding.spec.ts opens an image preview);
 * `object-src` and the retired `plugin-types` are not needed for that.
 */
const PREVIEW_CSP = "default-src 'none'; sandbox";

/**
 * Evidence shown in the browser, for the same readers as the download (the same data-layer call):
 * a PDF, JPG or PNG — the type detected from the content at upload, never from the name — inline
 * under a policy that allows nothing else; any other file still as a download.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const attachmentId = await parseIdParam(params);
  if (attachmentId === null) return new Response("未找到 / not found", { status: 404 });
  try {
    const file = await downloadAttachment(await getActor(), attachmentId);
    const inline = isPreviewable(file.fileType);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentDisposition(file.fileName, inline ? "inline" : "attachment"),
        "Content-Security-Policy": PREVIEW_CSP,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}

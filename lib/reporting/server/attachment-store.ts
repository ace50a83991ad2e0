import "server-only";
import { evidenceStorage, type StoredContent } from "@/lib/core/files/storage";

// Attachments live outside `public/` under names the server picks, so nothing a user types
// ever reaches a file path and nothing is reachable without going through an access check.
// The bytes go through the evidence storage interface (lib/core/files/storage.ts): the folder
// UPLOAD_DIR by default, which several instances may share.

/** What can be stored: bytes in memory, an uploaded File/Blob (streamed), or any chunk stream. */
export type AttachmentContent = StoredContent;

/**
 * Saves the content under a fresh random name and returns that name as the storage key.
 *
 * All or nothing: the bytes go to a temporary name in the same folder, are synced to disk, and
 * only then renamed to the key (a rename within one folder is atomic). Any failure on the way —
 * a full disk, a broken upload stream, a folder gone read-only — removes the temporary file, so
 * a half-written file never sits under a key and never lingers beside the evidence.
 */
export async function storeAttachment(content: AttachmentContent): Promise<string> {
  return evidenceStorage().put(content);
}

export async function readAttachment(storageKey: string): Promise<Buffer> {
  return evidenceStorage().get(storageKey);
}

/** Idempotent, so cleanup after a failed transaction can run without checking first. */
export async function removeAttachment(storageKey: string): Promise<void> {
  return evidenceStorage().remove(storageKey);
}

/**
 * Why a backup or restore stopped. Every message is Chinese first, English second; `code` lets
 * the scripts choose an exit code and tests tell the cases apart.
 */
export type BackupProblem =
  /** pg_dump / pg_restore not installed. */
  | "tool_missing"
  /** pg_dump / pg_restore older than the server or the archive. */
  | "tool_too_old"
  /** An archive with that name already exists. */
  | "exists"
  /** The archive is damaged or was changed: a checksum, size or entry differs from its manifest. */
  | "archive_invalid"
  /** A PostgreSQL backup into SQLite or the other way round. */
  | "provider_mismatch"
  /** The target database or evidence folder already holds data. */
  | "target_not_empty"
  /** The audit key the restored chain needs is not configured. */
  | "audit_key"
  /** The target server is older than the one the backup came from. */
  | "server_too_old"
  /** Restored, but the checks afterwards found a difference. */
  | "check_failed";

export class BackupError extends Error {
  constructor(
    readonly code: BackupProblem,
    message: string,
  ) {
    super(message);
    this.name = "BackupError";
  }
}

/** A database URL for logs: a PostgreSQL password is replaced by ***. */
export function redactDatabaseUrl(databaseUrl: string): string {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgresql://…";
  }
}

/** True for better-sqlite3's SqliteError with the given extended code (`SQLITE_CONSTRAINT_UNIQUE`…). */
export function isSqliteError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === code;
}

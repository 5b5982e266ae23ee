/**
 * The little of an SQLite database the core needs: the editor and the CLI hand it one (sql.js, SQLite
 * compiled to WebAssembly, which runs alike in Node, in the browser and in a worker), so the core's
 * schema and queries stay pure and testable.
 */
export type SqlValue = string | number | Uint8Array | null;

export interface SqlDatabase {
  /** Runs statements without parameters (schema, pragmas, transactions). */
  exec(sql: string): void;
  run(sql: string, params?: readonly SqlValue[]): void;
  /** Every row of a query, each as column name → value. */
  all(sql: string, params?: readonly SqlValue[]): Record<string, SqlValue>[];
  /** One statement prepared once and run for many rows: inserting a corpus row by row would otherwise parse the SQL each time. */
  prepare(sql: string): SqlStatement;
}

export interface SqlStatement {
  run(params: readonly SqlValue[]): void;
  free(): void;
}

/** Runs `body` in one transaction (SQLite writes many rows far faster so), rolled back if it throws. */
export function inTransaction<T>(db: SqlDatabase, body: () => T): T {
  db.exec('BEGIN');
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

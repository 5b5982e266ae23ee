import initSqlJs, { type Database, type SqlValue as SqlJsValue } from 'sql.js';
import type { SqlDatabase, SqlValue } from '../core/corpus/sql';

/**
 * SQLite through sql.js (SQLite compiled to WebAssembly): the same code in the Node extension host, the
 * browser's web worker host and the CLI. The WebAssembly module is shipped beside the bundles
 * (dist/sql-wasm.wasm, copied by scripts/build.mjs) and handed over as bytes, so sql.js never fetches
 * or looks for files itself. The database lives in memory; `save` gives the file's bytes.
 */
export interface OpenDatabase extends SqlDatabase {
  /** The whole database file. */
  bytes(): Uint8Array;
  close(): void;
}

let engine: ReturnType<typeof initSqlJs> | undefined;

/** Opens a database from a file's bytes, or a new empty one. */
export async function openDatabase(wasm: Uint8Array, file?: Uint8Array): Promise<OpenDatabase> {
  engine ??= initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  const SQL = await engine;
  return adapt(new SQL.Database(file));
}

function adapt(db: Database): OpenDatabase {
  const params = (values: readonly SqlValue[] | undefined): SqlJsValue[] | undefined => (values ? [...values] : undefined);
  return {
    exec: (sql) => void db.exec(sql),
    run: (sql, values) => void db.run(sql, params(values)),
    all(sql, values) {
      const statement = db.prepare(sql, params(values));
      const rows: Record<string, SqlValue>[] = [];
      try {
        while (statement.step()) rows.push(statement.getAsObject());
      } finally {
        statement.free();
      }
      return rows;
    },
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        run: (values) => void statement.run([...values]),
        free: () => void statement.free(),
      };
    },
    bytes: () => db.export(),
    close: () => db.close(),
  };
}

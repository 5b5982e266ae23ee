import type { Analysis, Span } from '../detect/types';
import type { Sidecar, Tag } from '../sidecar/types';
import { utf16ToCodePointMapper } from '../text/offsets';
import type { KnowledgeBase } from './kb';
import { inTransaction, type SqlDatabase, type SqlStatement, type SqlValue } from './sql';

/**
 * The corpus as an SQLite database file for researchers: pandas (`sqlite3` + `read_sql`), R (`DBI` +
 * `RSQLite`) and DuckDB (`ATTACH … (TYPE sqlite)`) open it directly. The schema is documented in
 * docs/database.md; change both together and bump DATABASE_VERSION.
 * Offsets are Unicode code points (what Python, R and SQL's substr count), end exclusive.
 */
export const DATABASE_VERSION = 1;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  chars INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL,
  external_id TEXT
);
CREATE TABLE entity_aliases (entity_id TEXT NOT NULL REFERENCES entities(id), alias TEXT NOT NULL);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  origin TEXT NOT NULL,
  tag_id TEXT,
  entity_id TEXT
);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  origin TEXT NOT NULL,
  tag_id TEXT,
  score REAL,
  source TEXT, source_start INTEGER, source_end INTEGER,
  cue TEXT, cue_start INTEGER, cue_end INTEGER,
  content TEXT, content_start INTEGER, content_end INTEGER,
  hedges TEXT NOT NULL,
  verdict TEXT
);
CREATE TABLE tags (
  id TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  status TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  quote TEXT NOT NULL,
  anchoring TEXT NOT NULL,
  verdict TEXT,
  note TEXT,
  entity_id TEXT,
  author TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  PRIMARY KEY (article_id, id)
);
CREATE TABLE tag_labels (article_id INTEGER NOT NULL, tag_id TEXT NOT NULL, label TEXT NOT NULL);
CREATE VIEW verdicts AS
  SELECT a.path, t.id AS tag_id, t.quote AS claim, t.verdict, t.author, t.modified
  FROM tags t JOIN articles a ON a.id = t.article_id
  WHERE t.kind = 'claim' AND t.verdict IS NOT NULL;
`;

/** Indexes made after the rows are in (faster than keeping them up to date row by row). */
const INDEXES = `
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_text ON mentions(text);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX tags_article ON tags(article_id);
`;

export interface DatabaseArticle {
  /** Relative to the corpus folder, with '/' between folders. */
  path: string;
  format: 'markdown' | 'plaintext';
  text: string;
  hash: string;
  analysis: Analysis;
  sidecar: Sidecar | null;
}

export interface DatabaseWriter {
  add(article: DatabaseArticle): void;
  /** Adds the indexes and closes the writer's statements; the caller then exports the file. */
  finish(): void;
}

/** Starts a corpus database in an empty SQLite database: the schema, what wrote it, and the knowledge base. */
export function startDatabase(db: SqlDatabase, kb: KnowledgeBase, generator: string): DatabaseWriter {
  db.exec(`PRAGMA user_version = ${DATABASE_VERSION};`);
  db.exec(SCHEMA);
  const meta: [string, string][] = [
    ['schema_version', String(DATABASE_VERSION)],
    ['offset_unit', 'codepoint'],
    ['generator', generator],
  ];
  for (const row of meta) db.run('INSERT INTO meta (key, value) VALUES (?, ?)', row);
  inTransaction(db, () => {
    for (const e of kb.entities) {
      db.run('INSERT INTO entities (id, name, type, description, external_id) VALUES (?, ?, ?, ?, ?)', [
        e.id,
        e.name,
        e.type,
        e.description,
        e.externalId,
      ]);
      for (const alias of e.aliases) db.run('INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?)', [e.id, alias]);
    }
  });
  const statements: SqlStatement[] = [];
  const prepare = (sql: string): SqlStatement => {
    const s = db.prepare(sql);
    statements.push(s);
    return s;
  };
  const insertArticle = prepare('INSERT INTO articles (id, path, format, chars, sha256, text) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMention = prepare(
    'INSERT INTO mentions (article_id, start, "end", text, type, origin, tag_id, entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertClaim = prepare(
    'INSERT INTO claims (article_id, start, "end", text, origin, tag_id, score, source, source_start, source_end, cue, cue_start, cue_end, content, content_start, content_end, hedges, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTag = prepare(
    'INSERT INTO tags (id, article_id, kind, label, status, start, "end", quote, anchoring, verdict, note, entity_id, author, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLabel = prepare('INSERT INTO tag_labels (article_id, tag_id, label) VALUES (?, ?, ?)');
  let nextId = 1;
  // Rows go in batches of articles, each batch one transaction: one per row would be a thousand times slower.
  let inBatch = 0;
  const BATCH = 500;
  return {
    add(article) {
      if (inBatch === 0) db.exec('BEGIN');
      const id = nextId++;
      const cp = utf16ToCodePointMapper(article.text);
      const spanValues = (s: Span | null): SqlValue[] => (s ? [s.text, cp(s.start), cp(s.end)] : [null, null, null]);
      insertArticle.run([id, article.path, article.format, cp(article.text.length), article.hash, article.text]);
      const tags = (article.sidecar?.tags ?? []).filter((t) => t.anchoring !== 'orphaned');
      const confirmed = (kind: Tag['kind']): Tag[] => tags.filter((t) => t.kind === kind && t.status === 'confirmed');
      const entityTags = confirmed('entity');
      const rejected = tags.filter((t) => t.kind === 'entity' && t.status === 'rejected');
      for (const t of entityTags)
        insertMention.run([id, cp(t.target.start), cp(t.target.end), t.target.quote, t.label, 'tag', t.id, t.entityId]);
      for (const e of article.analysis.entities) {
        // As the hover shows them: a confirmed tag covers the detector's mention, a rejected one removes it.
        if (entityTags.some((t) => t.target.start < e.end && e.start < t.target.end)) continue;
        if (rejected.some((t) => t.target.start === e.start && t.target.end === e.end)) continue;
        insertMention.run([id, cp(e.start), cp(e.end), e.text, e.type, e.origin, null, null]);
      }
      const claimTags = confirmed('claim');
      for (const t of claimTags) {
        const parts = t.claim;
        insertClaim.run([
          id,
          cp(t.target.start),
          cp(t.target.end),
          t.target.quote,
          'tag',
          t.id,
          null,
          ...spanValues(parts?.source ?? null),
          ...spanValues(parts?.cue ?? null),
          ...spanValues(null),
          JSON.stringify(parts?.hedges.map((h) => h.text) ?? []),
          t.verdict,
        ]);
      }
      for (const c of article.analysis.claims) {
        if (claimTags.some((t) => Math.min(t.target.end, c.end) - Math.max(t.target.start, c.start) > 0)) continue;
        insertClaim.run([
          id,
          cp(c.start),
          cp(c.end),
          c.text,
          'detector',
          null,
          Math.round(c.score * 1000) / 1000,
          ...spanValues(c.source),
          ...spanValues(c.cue),
          ...spanValues(c.content),
          JSON.stringify(c.hedges.map((h) => h.text)),
          null,
        ]);
      }
      for (const t of article.sidecar?.tags ?? []) {
        insertTag.run([
          t.id,
          id,
          t.kind,
          t.label,
          t.status,
          cp(t.target.start),
          cp(t.target.end),
          t.target.quote,
          t.anchoring,
          t.verdict,
          t.note,
          t.entityId,
          t.author,
          t.created,
          t.modified,
        ]);
        for (const label of t.tags) insertLabel.run([id, t.id, label]);
      }
      if (++inBatch >= BATCH) {
        db.exec('COMMIT');
        inBatch = 0;
      }
    },
    finish() {
      if (inBatch > 0) db.exec('COMMIT');
      inBatch = 0;
      for (const s of statements) s.free();
      db.exec(INDEXES);
    },
  };
}

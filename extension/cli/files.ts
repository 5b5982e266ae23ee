/**
 * Reading and writing the files the CLI works on, safely: nothing but a regular file is ever opened
 * (a FIFO would block the read forever, a symbolic link may point anywhere), text must be valid
 * UTF-8 (a lossy decode would be written back as replacement characters), and a sidecar is written
 * compare-and-swap, so that two writers at once both keep their tags.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { readSidecar, type SidecarRead } from '../core/sidecar/read';

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; problem: string };

/** What a path is when it is not a regular file, in words; null for a regular file. */
export function notARegularFile(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isSymbolicLink()) return 'it is a symbolic link (not followed)';
  if (stats.isDirectory()) return 'it is a folder, not a file';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO), not a file';
  if (stats.isSocket()) return 'it is a socket, not a file';
  return 'it is a device, not a file';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The bytes of a regular file. A symbolic link, folder, FIFO or device is refused without being
 * opened; the file is opened non-blocking and checked again once open, so one swapped in between
 * cannot block either. Files above `maxBytes` are refused unread. Never throws.
 */
export function readRegularFile(path: string, maxBytes = Infinity): FileRead {
  let fd: number | undefined;
  try {
    const kind = notARegularFile(lstatSync(path));
    if (kind) return { ok: false, problem: kind };
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    const stats = fstatSync(fd);
    const opened = notARegularFile(stats);
    if (opened) return { ok: false, problem: opened };
    if (stats.size > maxBytes) {
      return { ok: false, problem: `it is ${(stats.size / 1048576).toFixed(1)} MB, above the ${(maxBytes / 1048576).toFixed(0)} MB limit` };
    }
    return { ok: true, bytes: readFileSync(fd) };
  } catch (error) {
    return { ok: false, problem: `it cannot be read (${message(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text, or null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** A regular file's text (strict UTF-8), or why it cannot be had. */
export function readTextFile(
  path: string,
  maxBytes = Infinity,
): { ok: true; text: string; bytes: number } | { ok: false; problem: string } {
  const read = readRegularFile(path, maxBytes);
  if (!read.ok) return read;
  const text = decodeUtf8(read.bytes);
  return text === null ? { ok: false, problem: 'it is not valid UTF-8 text' } : { ok: true, text, bytes: read.bytes.length };
}

/** A sidecar's bytes read and checked; invalid UTF-8 is refused, not decoded lossily (and then written back so). */
export function readSidecarBytes(bytes: Buffer): SidecarRead {
  const text = decodeUtf8(bytes);
  return text === null ? { ok: false, readOnly: false, problem: 'it is not valid UTF-8 text' } : readSidecar(text, bytes.length);
}

/** Whether two paths name the same file (or would: neither needs to exist). */
export function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function hashOf(bytes: Buffer | null): string {
  return bytes === null ? 'none' : createHash('sha256').update(bytes).digest('hex');
}

/** The bytes now at `path`, null when there is no file; throws when it is not a regular file. */
function currentBytes(path: string): Buffer | null {
  try {
    lstatSync(path);
  } catch {
    return null;
  }
  const read = readRegularFile(path);
  if (!read.ok) throw new Error(`${path}: ${read.problem}`);
  return read.bytes;
}

/** Sleeps without an event loop (the CLI's writes are synchronous). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writers of one file take turns through this lock file; one left behind by a killed writer is taken over after this long. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 30_000;

function withLock<T>(path: string, body: () => T): T {
  const lock = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - lstatSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // The lock went away meanwhile: try again.
      }
      if (Date.now() - started > LOCK_WAIT_MS)
        throw new Error(`${path} is locked by another writer (${lock}); remove the lock file if no writer is running`);
      pause(5 + Math.random() * 20);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Writes `path` compare-and-swap: `update` computes the new content from the bytes there now (null:
 * no file); the result goes to a temp file, and just before the rename the file is read again. If
 * another writer changed it meanwhile, the update is computed again from what it wrote, so neither
 * loses the other's work. Writers of this CLI also take turns through a lock file, which closes the
 * gap between the check and the rename. `update` returns null when there is nothing to write.
 * Returns whether something was written.
 */
export function updateFileAtomically(path: string, update: (current: Buffer | null) => string | null): boolean {
  mkdirSync(dirname(path), { recursive: true });
  return withLock(path, () => {
    for (let attempt = 0; ; attempt++) {
      const before = currentBytes(path);
      const content = update(before);
      if (content === null) return false;
      const temp = `${path}.tmp-${process.pid}`;
      try {
        writeFileSync(temp, content);
        if (hashOf(currentBytes(path)) === hashOf(before)) {
          renameSync(temp, path);
          return true;
        }
      } finally {
        rmSync(temp, { force: true });
      }
      if (attempt >= 100) throw new Error(`${path} keeps changing under this write; try again`);
    }
  });
}

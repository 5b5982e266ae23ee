const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A random id: the prefix and 18 lower-case letters and digits from 9 random bytes, unique across
 * researchers and windows, so that files written by several people merge by id.
 */
export function randomId(prefix: string): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  let id = prefix;
  for (const b of bytes) id += ALPHABET[b & 31] + ALPHABET[b >> 5];
  return id;
}

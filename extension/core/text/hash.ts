import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** "sha256:<hex>" of the text encoded as UTF-8: the same as `sha256sum` of a BOM-less UTF-8 file. */
export function contentHash(text: string): string {
  return 'sha256:' + bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A fast 53-bit digest (cyrb53) as hex, for telling whether derived data was made from the same inputs:
 * not for security, and far cheaper than contentHash on a whole corpus.
 */
export function quickDigest(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

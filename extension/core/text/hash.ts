import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** "sha256:<hex>" of the text encoded as UTF-8: the same as `sha256sum` of a BOM-less UTF-8 file. */
export function contentHash(text: string): string {
  return 'sha256:' + bytesToHex(sha256(utf8ToBytes(text)));
}

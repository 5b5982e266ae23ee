/**
 * The free tags a researcher typed: "threat-actor, apt" is two tags, as it reads. Split on commas,
 * trimmed, empty pieces dropped, each tag once, in the order typed.
 */
export function splitFreeTags(input: string | readonly string[]): string[] {
  const pieces = (typeof input === 'string' ? [input] : input).flatMap((s) => s.split(','));
  return [...new Set(pieces.map((s) => s.trim()).filter(Boolean))];
}

/** A tag's free tags with more added: the old ones first, nothing twice. */
export function withFreeTags(existing: readonly string[], added: string | readonly string[]): string[] {
  return [...new Set([...existing, ...splitFreeTags(added)])];
}

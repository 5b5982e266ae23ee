/** How a verdict is coloured: the three everyone uses, and the rest (unverified, a team's own). */
export type VerdictTone = 'supported' | 'disputed' | 'false' | 'other';

/** The colour family of a verdict; verdicts are free text (the setting sourceAnnotator.verdicts), matched by name. */
export function verdictTone(verdict: string): VerdictTone {
  const v = verdict.trim().toLowerCase();
  if (v === 'supported' || v === 'true' || v === 'correct') return 'supported';
  if (v === 'disputed' || v === 'misleading' || v === 'mixed') return 'disputed';
  if (v === 'false' || v === 'wrong' || v === 'incorrect') return 'false';
  return 'other';
}

import * as l10n from '@vscode/l10n';
import { round } from './claimTerms';
import { aboutWords } from './contradiction';
import type { Claim, Scored } from './records';
import type { MatchExplanation } from './types';

/**
 * Why two claims were found alike or opposed, in words: the entities and words they share, the numbers,
 * the polarity. `surfaces`: the query's own words for its stems, so the explanation quotes the claim the
 * user is reading; `termStems`: the index's stems by term id.
 */
export function explainMatch(
  s: Scored,
  here: Pick<Claim, 'negations'>,
  surfaces: Map<string, string>,
  termStems: readonly string[],
  subjectName: (subject: string) => string,
): MatchExplanation {
  const word = (id: number): string => surfaces.get(termStems[id]) ?? termStems[id];
  const sharedEntities = s.sharedSubjects.map(subjectName);
  const sharedWords = s.sharedTerms
    .filter((id) => !termStems[id].startsWith('#'))
    .slice(0, 8)
    .map(word);
  const polarity = s.polarityTerms.length ? { here: here.negations, there: s.claim.negations, words: s.polarityTerms.map(word) } : null;
  const said: string[] = [];
  if (sharedEntities.length) said.push(l10n.t('both name {0}', sharedEntities.join(', ')));
  if (sharedWords.length) said.push(l10n.t('shared words: {0}', sharedWords.join(', ')));
  if (s.sharedNumbers.length) said.push(l10n.t('same numbers: {0}', s.sharedNumbers.join(', ')));
  if (s.conflicts.here.length)
    said.push(l10n.t('different numbers: {0} here, {1} there', s.conflicts.here.join(', '), s.conflicts.there.join(', ')));
  if (polarity) {
    const words = (list: string[]): string => (list.length ? list.map((w) => `"${w}"`).join(', ') : l10n.t('no negation'));
    said.push(
      l10n.t('opposite polarity on {0}: {1} here, {2} there', polarity.words.join(', '), words(polarity.here), words(polarity.there)),
    );
  }
  const o = s.opposition;
  const opposed = o && {
    here: o.here.words,
    there: o.there.words,
    about: aboutWords(o.sharedSubjects.map(subjectName), o.sharedTerms.filter((id) => !termStems[id].startsWith('#')).map(word)),
  };
  if (opposed) said.push(`says the opposite about ${opposed.about.join(', ')}: "${opposed.here}" here, "${opposed.there}" there`);
  return {
    opposed,
    sharedEntities,
    sharedWords,
    sharedNumbers: [...s.sharedNumbers],
    conflictingNumbers: { here: [...s.conflicts.here], there: [...s.conflicts.there] },
    polarity,
    similarity: { words: round(s.words), entities: round(s.entities), numbers: round(s.numbers) },
    summary: said.join('; '),
  };
}

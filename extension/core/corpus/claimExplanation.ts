import * as l10n from '@vscode/l10n';
import { placeName, round } from './claimTerms';
import { placesIn } from './compare/sentence';
import { aboutWords } from './contradiction';
import type { PairRelation } from './compare/model';
import type { Claim, Scored } from './records';
import type { MatchExplanation } from './types';

/**
 * Why two claims were found alike or opposed, in words: the entities and words they share, the numbers,
 * and for a contradiction what differs — the evidence the pair model (`pair`) decided on: the two clauses'
 * predicates, the numbers, a denial. `surfaces`: the query's own words for its stems, so the explanation
 * quotes the claim the user is reading; `termStems`: the index's stems by term id.
 */
export function explainMatch(
  s: Scored,
  here: Pick<Claim, 'negations'>,
  surfaces: Map<string, string>,
  termStems: readonly string[],
  subjectName: (subject: string) => string,
  pair: PairRelation,
): MatchExplanation {
  const word = (id: number): string => surfaces.get(termStems[id]) ?? termStems[id];
  const sharedEntities = withCountries(
    s.sharedSubjects.map(subjectName),
    s.sharedPlaces.map((id) => termStems[id]),
  );
  const sharedWords = s.sharedTerms
    .filter((id) => !termStems[id].startsWith('#'))
    .slice(0, 8)
    .map(word);
  const d = pair.evidence.disagreement;
  const contradicts = pair.relation === 'contradicts';
  const polarity = contradicts && d.negatedWords.length ? { here: here.negations, there: s.claim.negations, words: d.negatedWords } : null;
  const conflicts = contradicts && d.numbers ? d.numbers : { here: [], there: [] };
  const said: string[] = [];
  if (sharedEntities.length) said.push(l10n.t('both name {0}', sharedEntities.join(', ')));
  if (sharedWords.length) said.push(l10n.t('shared words: {0}', sharedWords.join(', ')));
  if (s.sharedNumbers.length) said.push(l10n.t('same numbers: {0}', s.sharedNumbers.join(', ')));
  const opposed =
    contradicts && d.opposed
      ? {
          here: d.opposed.here,
          there: d.opposed.there,
          about: aboutWords(s.opposition?.sharedSubjects.map(subjectName) ?? [], d.opposed.about),
        }
      : null;
  if (contradicts) said.push(...whatDiffers(pair, opposed?.about));
  if (polarity && !opposed && !d.numbers && !d.denial) {
    const words = (list: string[]): string => (list.length ? list.map((w) => `"${w}"`).join(', ') : l10n.t('no negation'));
    said.push(
      l10n.t('opposite polarity on {0}: {1} here, {2} there', polarity.words.join(', '), words(polarity.here), words(polarity.there)),
    );
  }
  return {
    opposed,
    sharedEntities,
    sharedWords,
    sharedNumbers: [...s.sharedNumbers],
    conflictingNumbers: { here: [...conflicts.here], there: [...conflicts.there] },
    polarity,
    similarity: { words: round(s.words), entities: round(s.entities), numbers: round(s.numbers) },
    summary: said.join('; '),
  };
}

/**
 * The shared entities and the countries both claims name, each country once: one a shared entity already names
 * ("China" itself) is not repeated, and one named differently on each side ("Beijing" here, "Chinese" there) is added.
 */
function withCountries(entities: string[], placeTerms: readonly string[]): string[] {
  if (!placeTerms.length) return entities;
  const named = new Set(entities.flatMap((name) => [...placesIn(name)]));
  return [...entities, ...placeTerms.filter((term) => !named.has(term.slice(1))).map(placeName)];
}

/**
 * What differs between two claims the pair model says contradict, in words: the two clauses' predicates
 * and what they are about, the numbers, or a denial. `about`: names for what the clauses are about, when
 * the caller knows better ones than the shared words.
 */
export function whatDiffers(pair: PairRelation, about?: string[]): string[] {
  const d = pair.evidence.disagreement;
  const said: string[] = [];
  if (d.opposed)
    said.push(
      l10n.t(
        'says the opposite about {0}: "{1}" here, "{2}" there',
        (about ?? d.opposed.about).join(', '),
        d.opposed.here,
        d.opposed.there,
      ),
    );
  if (d.numbers) said.push(l10n.t('different numbers: {0} here, {1} there', d.numbers.here.join(', '), d.numbers.there.join(', ')));
  if (d.denial)
    said.push(
      d.denial === 'here' ? l10n.t('this claim denies what the other states') : l10n.t('the other claim denies what this one states'),
    );
  return said;
}

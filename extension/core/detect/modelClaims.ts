import type { Sentence } from '../text/sentences';
import { findAttributions, type Attribution } from './attribution';
import { ADVICE, checkWorthiness, FIRST_PERSON_OPINION, hedgeMatches, isLetterOrDigit, isQuestion } from './claims';
import type { ClaimsModel } from './claimsModel';
import type { TokenProps, WordClusters } from './features';
import { furnitureAt } from './furniture';
import type { Token } from './tokens';
import type { ClaimMention, EntityMention, Span } from './types';
import { worthinessFeatures, worthinessScore } from './worthiness';

/**
 * Claims found with the trained models (claimsModel.ts): every sentence that reports who said what
 * is a claim, whatever else it says; other sentences are claims by their check-worthiness. Shown
 * by default (`prominent`): attributions the tagger found, claims from the check-worthiness model's
 * threshold on, and statements of concrete fact in news style (numbers, dates, names, past actions:
 * the debate-trained model underrates them). Page furniture, questions and advice are never claims
 * unless they report who said them.
 * A speaker label opening a line ("Interviewer:") is the source of what follows, never part of the
 * claim, and does not make a claim prominent by itself.
 */
export function findModelClaims(
  text: string,
  prose: string,
  sentences: readonly { sentence: Sentence; tokens: readonly Token[]; props: readonly TokenProps[] }[],
  entities: readonly EntityMention[],
  model: ClaimsModel,
  clusters: WordClusters | null,
): ClaimMention[] {
  const bySentence = new Map<number, Attribution[]>();
  const { found: tagged, continued } = findAttributions(text, prose, sentences, model.attribution, entities);
  for (const { attribution, sentence } of tagged) {
    const list = bySentence.get(sentence);
    if (list) list.push(attribution);
    else bySentence.set(sentence, [attribution]);
  }
  const furniture = new Map<number, boolean>();
  const features: number[] = [];
  const claims: ClaimMention[] = [];
  let e = 0;
  sentences.forEach(({ sentence: s, tokens, props }, k) => {
    if (!tokens.length || furnitureAt(prose, s.start, furniture)) return;
    while (e < entities.length && entities[e].end <= s.start) e++;
    const label = speakerLabel(text, prose, s, tokens, props, entities, e);
    const first = label ? label.next : 0;
    if (first >= tokens.length) return;
    let start = tokens[first].start;
    let end = s.end;
    while (end > start && prose.charCodeAt(end - 1) <= 32) end--;
    while (start < end && prose.charCodeAt(start) <= 32) start++;
    const body = prose.slice(start, end);
    // A sentence that only goes on with a quotation is attributed as the quotation is.
    const named = entities.slice(e, entityEnd(entities, e, end));
    const own = bySentence.get(k)?.filter((a) => isOwnAttribution(a, prose, start, named));
    const found = own?.length ? own : continued.has(k) ? [continued.get(k)!] : [];
    let words = 0;
    for (let i = first; i < tokens.length; i++) if (isLetterOrDigit(prose, tokens[i].start)) words++;
    const question = isQuestion(body);
    if (isNoClaim(body, question, found, words)) return;
    const score = worthinessScore(
      model.worthiness,
      worthinessFeatures(prose, from(tokens, first), from(props, first), question, named, clusters, model.worthiness.buckets, features),
    );
    const attributions = found.length
      ? found
      : label?.speaker
        ? [{ source: label.span, resolvedSource: null, cue: label.colon, content: { start, end, text: text.slice(start, end) } }]
        : [];
    const primary = attributions[0];
    const hedges: Span[] = [];
    for (const m of hedgeMatches(body)) {
      const at = start + m.index;
      // Capitalized inside a sentence it is a name ("in May"), not a hedge.
      if (at > start && m[0][0] !== m[0][0].toLowerCase()) continue;
      hedges.push({ start: at, end: at + m[0].length, text: text.slice(at, at + m[0].length) });
    }
    claims.push({
      start,
      end,
      text: text.slice(start, end),
      score,
      source: primary?.source ?? null,
      cue: primary?.cue ?? null,
      content: primary?.content ?? null,
      hedges,
      resolvedSource: null,
      attributions,
      prominent: found.some(tellsWho) || score >= model.worthiness.threshold || checkWorthiness(body, named, false, false) >= FACTUAL,
    });
  });
  return claims;
}

/**
 * Whether a sentence is no claim: a question is one only when it reports what someone asked or said
 * (`"Why now?" she asked.`), the attribution being what it asserts, and not when put to the reader or
 * the interviewee ("do you believe…?" asks for a claim); advice, first-person opinion and
 * sentences of fewer than three words are claims only when attributed.
 */
function isNoClaim(body: string, question: boolean, found: readonly Attribution[], words: number): boolean {
  if (question && found.some((a) => a.source && ADDRESSED.test(a.source.text))) return true;
  return !found.length && (question || words < 3 || ADVICE.test(body) || FIRST_PERSON_OPINION.test(body));
}

/**
 * Whether a tagged attribution of a claim starting at `start` is one: the label before it may be
 * tagged as source and cue ("Jane Thompson:"), which is the label, not an attribution; a bare colon
 * or quotation mark is a cue only after a name ("Donald Trump Jr: …", not "Title: …") or after the
 * words opening the claim ("Poll: Trump Ties Clinton").
 */
function isOwnAttribution(a: Attribution, prose: string, start: number, named: readonly EntityMention[]): boolean {
  if (!a.cue) return true;
  if (a.cue.start < start) return false;
  if (isLetterOrDigit(prose, a.cue.start)) return true;
  const source = a.source;
  if (!source) return false;
  return named.some((m) => m.start < source.end && source.start < m.end) || (source.start === start && prose[a.cue.start] === ':');
}

/** The list from index `first` on; the list itself when that is all of it (no copy per claim). */
function from<T>(list: readonly T[], first: number): readonly T[] {
  return first ? list.slice(first) : list;
}

const MAX_LABEL_TOKENS = 5;
/** The score of the feature-based estimate (claims.ts checkWorthiness) from which a statement is concrete fact: the claim finder's long-standing cut. */
const FACTUAL = 0.35;

/** The one a question is put to. */
const ADDRESSED = /^you$/i;

/** Sources that say nothing of who: "It suggests that…", "This shows…". */
const IMPERSONAL = /^(?:it|this|that|these|those|which|there)$/i;

/** Whether an attribution tells who said it: it has a source and the source is not an impersonal pronoun, or it names none ("reportedly"). */
function tellsWho(a: Attribution): boolean {
  return !a.source || !IMPERSONAL.test(a.source.text);
}

/** The index after the last entity that starts before `end`, from `from`. */
function entityEnd(entities: readonly EntityMention[], from: number, end: number): number {
  let k = from;
  while (k < entities.length && entities[k].start < end) k++;
  return k;
}

/**
 * A label opening a line: a few capitalized words and a colon. A speaker when set off by markup
 * ("**Interviewer:**") or naming a person or organization the tagger found ("Jane Thompson: …");
 * a field name when one word opens an emphasized line ("**Title: …**"). Either is left out of the claim.
 */
/**
 * Whether only white space stands between the line's start and `at`. Scans back to the first other
 * character, not to the line start: a long line of many sentences would make that quadratic.
 */
function opensLine(prose: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && prose[i] !== '\n'; i--) if (!WHITE_SPACE.test(prose[i])) return false;
  return true;
}

/** What String.prototype.trim removes. */
const WHITE_SPACE = /\s/;

function speakerLabel(
  text: string,
  prose: string,
  s: Sentence,
  tokens: readonly Token[],
  props: readonly TokenProps[],
  entities: readonly EntityMention[],
  from: number,
): { span: Span; colon: Span; next: number; speaker: boolean } | null {
  if (!opensLine(prose, s.start)) return null;
  let colon = -1;
  for (let i = 1; i <= MAX_LABEL_TOKENS && i < tokens.length; i++) {
    if (prose[tokens[i].start] === ':' && tokens[i].end - tokens[i].start === 1) {
      colon = i;
      break;
    }
    if (!props[i].capitalized && prose[tokens[i].start] !== '.') return null;
  }
  if (colon < 1 || !props[0].capitalized) return null;
  const span = { start: tokens[0].start, end: tokens[colon - 1].end, text: text.slice(tokens[0].start, tokens[colon - 1].end) };
  const afterColon = tokens[colon].end;
  const colonSpan = { start: tokens[colon].start, end: afterColon, text: text.slice(tokens[colon].start, afterColon) };
  const setOff = afterColon < text.length && text[afterColon] !== prose[afterColon];
  let named = false;
  for (let k = from; k < entities.length && entities[k].start < span.end; k++)
    if (entities[k].end <= span.end && (entities[k].type === 'Person' || entities[k].type === 'Organization')) named = true;
  if (setOff || named) return { span, colon: colonSpan, next: colon + 1, speaker: true };
  const emphasized = tokens[0].start > 0 && text[tokens[0].start - 1] !== prose[tokens[0].start - 1];
  return colon === 1 && emphasized ? { span, colon: colonSpan, next: colon + 1, speaker: false } : null;
}

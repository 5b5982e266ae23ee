import { Casing, factOf, SEEN_CAPITALIZED_MIDSENTENCE, wordKey, type CommonWords, type DocumentFacts, type TokenProps } from './features';
import type { Token } from './tokens';
import type { EntityMention } from './types';

/**
 * Rules that correct the tagger's spans with what a sentence-by-sentence tagger cannot see: where
 * a sentence really starts (after a speaker label, after a missed sentence break), whether the
 * document ever writes a word capitalized in ordinary prose, and how lists and hyphenated
 * compounds are built. Every rule reads only the article and what the model learned from its
 * training data (the words usually written in lowercase).
 */

export interface RefineSentence {
  tokens: readonly Token[];
  props: readonly TokenProps[];
  casing: Casing;
}

/** Tokens that end a sentence the splitter did not break ("…in 1998.?Meanwhile the board…"). */
const SENTENCE_END = /^[.!?…]$/;
/** A capital after these says nothing: opening quotes and brackets, dashes, colons. */
const OPENING = /^["“‘'([«—–:-]$/;
/** The longest speaker label before a colon that still counts as one ("Senior Analyst:"). */
const MAX_LABEL_TOKENS = 3;
/** Adverbs by their form ("Lastly", "Curiously"): at a sentence start they are not names. */
const ADVERB = /^\p{Lu}\p{Ll}{2,}ly$/u;
/** A capital first letter and nothing else marked: in Title Case such a word has no evidence of its own. */
const PLAIN_CAPITALIZED = /^\p{Lu}\p{Ll}+$/u;
/** Capitalized common words (at least this many, and half the capitalized words) make a line styled Title Case. */
const MIN_STYLED_WORDS = 2;
/** Fewer capitalized words say too little ("Thank you, Secretary Clinton."). */
const MIN_HEADLINE_WORDS = 4;
/**
 * "Kremlin-linked", "Moscow-backed", "London-based": a name joined to a participle is an adjective
 * whose first part is the entity.
 */
const NAME_PARTICIPLE = /^(.*\p{L}\.?)[-‑]((?:\p{L}+ed)|born|built|held|led|made|run)$/iu;
/** Nationality adjectives ("Iranian-backed"): the first part is not a place, and the compound stays whole. */
const NATIONALITY = /(?:ian|ese|ish)$/i;
/**
 * Last words that make a name an organization whatever the tagger thought ("Ostrava Chemicals",
 * "Brightline Holdings"): the generic heads of company, agency and institution names. Not "bank":
 * the West Bank is a place.
 */
const ORGANIZATION_HEADS = new Set([
  'agency',
  'airlines',
  'airways',
  'associates',
  'association',
  'authority',
  'bancorp',
  'board',
  'chemicals',
  'co',
  'co.',
  'commission',
  'communications',
  'company',
  'corp',
  'corp.',
  'corporation',
  'council',
  'department',
  'foundation',
  'group',
  'holdings',
  'inc',
  'inc.',
  'industries',
  'institute',
  'insurance',
  'laboratories',
  'labs',
  'llc',
  'ltd',
  'ltd.',
  'ministry',
  'motors',
  'networks',
  'partners',
  'pharmaceuticals',
  'plc',
  'systems',
  'technologies',
  'telecom',
  'university',
]);
/** What may stand between the members of a list of names: commas, "and", "or", "&". */
const LIST_GLUE = /^\s*(?:,|,?\s*(?:and|or|&)|;)\s*$/;

/**
 * The tagger's mentions (in order, all inside `sentences`) corrected by the rules below, in order.
 * `text` is the prose the tokens index into.
 */
export function refineEntities(
  text: string,
  sentences: readonly RefineSentence[],
  mentions: readonly EntityMention[],
  facts: DocumentFacts,
  common: CommonWords,
): EntityMention[] {
  const kept: EntityMention[] = [];
  let m = 0;
  for (const s of sentences) {
    if (!s.tokens.length) continue;
    const sentenceEnd = s.tokens[s.tokens.length - 1].end;
    const headline = isTitleCased(s, common);
    let t = 0;
    for (; m < mentions.length && mentions[m].start < sentenceEnd; m++) {
      const mention = mentions[m];
      while (t < s.tokens.length && s.tokens[t].start < mention.start) t++;
      let last = t;
      while (last + 1 < s.tokens.length && s.tokens[last + 1].start < mention.end) last++;
      if (t >= s.tokens.length || s.tokens[t].start !== mention.start) {
        kept.push(mention);
        continue;
      }
      if (isSentenceOpener(text, s, t, last, facts, common) || (headline && isHeadlineWord(text, s, t, last, facts))) continue;
      kept.push(organizationByHead(splitNameParticiple(text, mention)));
    }
  }
  for (; m < mentions.length; m++) kept.push(mentions[m]);
  return unifyListTypes(text, kept);
}

/** Whether the document writes the word capitalized inside an ordinary sentence somewhere. */
function seenAsName(p: TokenProps, facts: DocumentFacts): boolean {
  return (factOf(facts, p.key) & SEEN_CAPITALIZED_MIDSENTENCE) !== 0;
}

function tokenText(text: string, token: Token): string {
  return text.slice(token.start, token.end);
}

/**
 * Whether token i stands where any word is capitalized: first in the sentence, after opening
 * punctuation, after a speaker label ("Moderator: Lastly, …"), or after a sentence end the
 * splitter missed.
 */
function atSentenceStart(text: string, tokens: readonly Token[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && OPENING.test(tokenText(text, tokens[k])) && tokenText(text, tokens[k]) !== ':') k--;
  if (k < 0 || SENTENCE_END.test(tokenText(text, tokens[k]))) return true;
  if (tokenText(text, tokens[k]) !== ':') return false;
  // A speaker label: a few capitalized words before the colon, at the sentence start.
  let label = k - 1;
  while (label >= 0 && k - label <= MAX_LABEL_TOKENS && /^\p{Lu}/u.test(tokenText(text, tokens[label]))) label--;
  return label < 0 && k > 0;
}

/**
 * A one-word mention at a sentence start that is an adverb made from a common word ("Lastly,
 * …"), or that the document never writes capitalized in mid-sentence and that is an adverb by
 * its form or a common word with its comma ("Well, …").
 */
function isSentenceOpener(
  text: string,
  s: RefineSentence,
  first: number,
  last: number,
  facts: DocumentFacts,
  common: CommonWords,
): boolean {
  if (first !== last || !atSentenceStart(text, s.tokens, first)) return false;
  const word = tokenText(text, s.tokens[first]);
  // An adverb made from a common word is one whatever else the document does with it.
  if (adverbStems(word).some((stem) => common.has(wordKey(stem)))) return true;
  const p = s.props[first];
  if (seenAsName(p, facts)) return false;
  if (ADVERB.test(word)) return true;
  // A common word is a discourse marker only with its comma ("Well, …"); in "Reading 3 Luton 1" it is a team.
  return common.has(p.key) && first + 1 < s.tokens.length && tokenText(text, s.tokens[first + 1]) === ',';
}

/** The words an adverb may be made from: "Lastly" → "last", "Ironically" → "ironic", "Happily" → "happy". */
function adverbStems(word: string): string[] {
  if (!ADVERB.test(word)) return [];
  const stem = word.slice(0, -2);
  return [stem, ...(stem.endsWith('al') ? [stem.slice(0, -2)] : []), ...(stem.endsWith('i') ? [`${stem.slice(0, -1)}y`] : [])];
}

/**
 * A line in Title Case (a headline, a profile tagline, a navigation bar): no lowercase word of four
 * letters or more, and capitalized because of its style, which shows in words usually written in
 * lowercase ("Voters Reject Stadium Plan"). A list of names ("Anna Berg, Tom Hale, Rosa Lind") is
 * not one, nor is a sentence of prose that names a few organizations.
 */
function isTitleCased(s: RefineSentence, common: CommonWords): boolean {
  if (s.casing !== Casing.Title) return false;
  let capitalized = 0;
  let styled = 0;
  let lowercase = 0;
  for (const p of s.props) {
    if (p.long && p.lowercase) lowercase++;
    if (!p.long || !p.capitalized || p.allCaps) continue;
    capitalized++;
    if (common.has(p.key)) styled++;
  }
  return capitalized >= MIN_HEADLINE_WORDS && styled >= MIN_STYLED_WORDS && styled * 2 >= capitalized && lowercase === 0;
}

/**
 * In a Title Case line every word is capitalized, so a mention made only of plain capitalized
 * words is a name only if the document also writes one of them capitalized in ordinary prose.
 * Acronyms, short words and words like "T-Mobile" keep their own evidence.
 */
function isHeadlineWord(text: string, s: RefineSentence, first: number, last: number, facts: DocumentFacts): boolean {
  for (let i = first; i <= last; i++) {
    const p = s.props[i];
    if (!p.capitalized) continue;
    if (!p.long || !PLAIN_CAPITALIZED.test(tokenText(text, s.tokens[i])) || seenAsName(p, facts)) return false;
  }
  return true;
}

/**
 * "Kremlin-linked hackers" → the place "Kremlin". A nationality ("Iranian-backed") stays the
 * adjective it is; other mentions are unchanged.
 */
function splitNameParticiple(text: string, mention: EntityMention): EntityMention {
  const match = NAME_PARTICIPLE.exec(mention.text);
  if (!match || /\s/.test(mention.text) || NATIONALITY.test(match[1])) return mention;
  const end = mention.start + match[1].length;
  return { ...mention, end, text: text.slice(mention.start, end), type: 'Location' };
}

/** A name of two words or more ending in an organization's head word is an organization. */
function organizationByHead(mention: EntityMention): EntityMention {
  if (mention.type === 'Organization' || mention.type === 'Date' || mention.type === 'Money') return mention;
  const words = mention.text.split(/\s+/);
  if (words.length < 2 || !ORGANIZATION_HEADS.has(words[words.length - 1].toLowerCase())) return mention;
  return { ...mention, type: 'Organization' };
}

/**
 * Companies named after places ("Verizon", "Norwest") are typed places when the context says little;
 * listed among organizations ("Telstra, Comcast and Charter Communications"), they are organizations. A
 * list has three or more names, and all but the place are organizations.
 */
function unifyListTypes(text: string, mentions: EntityMention[]): EntityMention[] {
  const out = mentions.slice();
  let from = 0;
  while (from < out.length) {
    let to = from;
    while (to + 1 < out.length && LIST_GLUE.test(text.slice(out[to].end, out[to + 1].start))) to++;
    if (to - from >= 2) {
      const places = out.slice(from, to + 1).filter((m) => m.type === 'Location');
      const organizations = out.slice(from, to + 1).filter((m) => m.type === 'Organization');
      if (places.length === 1 && organizations.length === to - from) {
        const i = out.indexOf(places[0]);
        out[i] = { ...out[i], type: 'Organization' };
      }
    }
    from = to + 1;
  }
  return out;
}

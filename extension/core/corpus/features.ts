import { stemmer } from 'stemmer';

/** A number a claim states, with what it counts, so "eight months" and "six months" can be told apart from "eight arrests". */
export interface NumberFact {
  value: number;
  /** "money", "percent", "date" (month × 100 + day), "year", or the stem of the counted noun. */
  unit: string;
  text: string;
}

/** What claim matching compares: content words, numbers and the words that make a claim negative. */
export interface ClaimFeatures {
  /** Stems of content words with their counts. */
  terms: Map<string, number>;
  /** The first surface form of each stem, to explain a match in words people read. */
  surfaces: Map<string, string>;
  numbers: NumberFact[];
  /** Negating words in the order they occur ("not", "no", "denied", "untouched"). */
  negations: string[];
  /** Stems said in the scope of a negation ("not been *impacted*", "denied *using* *hackers*"), for comparing polarity on shared words only. */
  negated: Set<string>;
  /** What the claim's clauses assert with a predicate another clause can deny ("was compromised" / "remained secure"). */
  assertions: Assertion[];
}

/**
 * One clause's predicate of an opposable kind, with its polarity and what it is about: "the depot was
 * flooded" and "the depot stayed dry" assert the same predicate about the same thing, with opposite signs.
 */
export interface Assertion {
  /** The predicate's kind (see PREDICATES): "harm", "know", "rise", "approve", "open", "win", "guilt", "truth", "life". */
  predicate: string;
  /** Whether the clause says the negative side: a negated positive word ("not impacted") or an unnegated negative one ("remained secure"). */
  negative: boolean;
  /** The predicate as written, with a negation before it when there is one ("not … impacted"). */
  words: string;
  /** Stems of the content words the predicate is about: before it when passive or a state ("the depot was"), after it otherwise ("closed the pier"). */
  about: string[];
  /** Where those words lie in the claim's text (UTF-16), so the entities named there count too. */
  start: number;
  end: number;
  /** Offset of a pronoun among those words ("it was compromised"), or -1: the entity it stands for is about the clause too. */
  pronounAt: number;
}

const STOPWORDS = new Set(
  (
    'a an the and or but if then than so as of at by for from in into on onto to with within about above after again against all also am any are ' +
    'be because been before being below between both can did do does doing down during each few further had has have having he her here hers ' +
    'herself him himself his how i its it itself just me more most my myself now off once only other our ours ourselves out over own same she ' +
    'should some such that their theirs them themselves there these they this those through too under until up very was we were what when where ' +
    "which while who whom why will would you your yours yourself yourselves is it’s it's s t one's " +
    // "us" (and "US", which would stem to "use"): a pronoun or a country, never the verb.
    'us ' +
    // Attribution and hedging say who claims and how surely, not what: they are compared apart (source, hedges).
    'said say says saying told tell tells according stated added noted asserted claimed announced informed revealed mentioned emphasized ' +
    'reported reportedly allegedly believed believe may might could possibly apparently likely suggested suggest suggests seems ' +
    // Vague quantifiers and glue words that every news sentence has.
    'including include includes several many much well even still yet however additionally further already time way'
  ).split(' '),
);

/** Words that turn a statement negative. Denial verbs count: "denied that X" tells the opposite of "confirmed that X". */
const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'without',
  'cannot',
  'deny',
  'denies',
  'denied',
  'denying',
  'refute',
  'refutes',
  'refuted',
  'false',
  'untrue',
  'unfounded',
  'untouched',
  'unaffected',
  'unharmed',
  'intact',
  // Words that keep something from happening: "prevented access" is no access.
  'prevent',
  'prevents',
  'prevented',
  'preventing',
  'lack',
  'lacks',
  'lacked',
  'lacking',
]);
/** Negative states that mean "not affected": they also stand for that word, negated. */
const NOT_AFFECTED = new Set(['untouched', 'unaffected', 'unharmed', 'intact']);
/** How many words after a negation it reaches, unless punctuation ends the clause first. */
const NEGATION_SCOPE = 8;
/** A denial reaches over what is denied, often long: "denied U.S. and other claims that it employs hackers to compromise …". */
const DENIALS = new Set(['deny', 'denies', 'denied', 'denying', 'refute', 'refutes', 'refuted']);
const DENIAL_SCOPE = 16;

/**
 * Words news reports use for the same act, folded into one term so "hackers infiltrated" meets
 * "attackers compromised". The first word of each family names it.
 */
const FAMILIES = [
  'compromise breach hack infiltrate penetrate invade intrude impact affect',
  'access obtain steal exfiltrate harvest collect intercept expose',
  'attack target hit',
  'monitor watch track surveil spy snoop',
  'hacker cybercriminal',
  'spokesperson spokeswoman spokesman',
  'company firm carrier provider operator telco',
  'telecom telecommunication telecommunications',
  'official authority',
  'investigate probe examine',
  'link tie associate connect attribute',
  'exploit use utilize employ leverage deploy',
  'confirm acknowledge admit',
];
const FAMILY_OF = new Map(FAMILIES.flatMap((f) => f.split(' ').map((w) => [stemmer(w), stemmer(f.split(' ')[0])] as const)));

/**
 * Predicates a clause can assert or deny, by kind: positive words, then (after "|") words saying the
 * opposite. Generic news vocabulary, matched by word form (see formsOf).
 * Words after "|" that describe a state ("secure", "unknown") take what they are about from before them.
 */
const PREDICATES: Record<string, string> = {
  harm: 'compromise breach hack infiltrate penetrate impact affect access steal exfiltrate expose leak tap intercept damage harm infect | secure safe untouched unaffected unharmed intact protected unscathed uncompromised',
  know: 'identify attribute pinpoint determine establish prove verify | unknown unclear unidentified unconfirmed unverified uncertain unproven undetermined',
  rise: 'increase rise grow climb gain jump soar surge expand | decrease fall drop decline shrink plunge slump reduce',
  approve: 'approve accept endorse authorize allow permit adopt ratify | reject block veto refuse ban prohibit forbid oppose',
  open: 'open reopen begin launch resume | close shut stop halt suspend cancel',
  win: 'win succeed | lose fail',
  guilt: 'guilty convict | innocent acquit exonerate',
  truth: 'true accurate correct | inaccurate incorrect wrong misleading',
  life: 'alive survive | dead die',
};
/** The predicate kinds, in a fixed order (the index gives each a bit). */
export const PREDICATE_KINDS = Object.keys(PREDICATES);
const STATES = new Set(
  'secure safe untouched unaffected unharmed intact protected unscathed uncompromised unknown unclear unidentified unconfirmed unverified uncertain unproven undetermined guilty innocent true accurate correct inaccurate incorrect wrong misleading alive dead'.split(
    ' ',
  ),
);

/** Forms of "be" and of staying so: a predicate after one is passive or a state, about what comes before it. */
const BE = new Set('is are was were be been being remain remains remained stay stays stayed get got gets seem seems seemed'.split(' '));
/** Words after a participle that show it has no object ("compromised in", "hit by"): it is about what comes before. */
const NO_OBJECT_AFTER = new Set('by in at on during since last earlier amid after before'.split(' '));
const PRONOUNS = new Set('it its they their them he his him she her'.split(' '));
/** Words that start a new clause inside a sentence: a predicate is about words of its own clause only. */
const CLAUSE_WORDS = new Set('but although though whereas while however yet'.split(' '));
/** Content words taken as what a predicate is about, each side. */
const ABOUT_WORDS = 8;

const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
};
const MULTIPLIERS: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12 };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const MONEY = /[$€£]\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|bn|[mbk])\b)?/gi;
const PERCENT = /\b(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)/gi;
const ISO_DATE = /\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/g;
const MONTH_DATE =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+((?:19|20)\d\d)\b)?/g;
const YEAR = /\b((?:19|20)\d\d)\b/g;
const COUNT =
  /\b(\d[\d,]*(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen)(?:\s+(thousand|million|billion|trillion))?\s+([A-Za-z\u00C0-\u024F-]+)/gi;
const MAY_HAVE_NUMBERS =
  /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen)\b|January|February|March|April|May|June|July|August|September|October|November|December/i;
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Reads the features of one claim's text. Deterministic and independent of the rest of the corpus (weights come later). */
export function claimFeatures(text: string): ClaimFeatures {
  const terms = new Map<string, number>();
  const surfaces = new Map<string, string>();
  const negations: string[] = [];
  const negated = new Set<string>();
  let scope = 0;
  const addTerm = (word: string, surface: string): string => {
    if (word.length < 2 || STOPWORDS.has(word) || isDigit(word.charCodeAt(0))) return '';
    const stem = stemOf(word);
    terms.set(stem, (terms.get(stem) ?? 0) + 1);
    if (!surfaces.has(stem)) surfaces.set(stem, surface);
    if (scope > 0) negated.add(stem);
    return stem;
  };
  const tokens: Token[] = [];
  const predicates: { at: number; kind: PredicateKind; negated: boolean }[] = [];
  let clause = 0;
  let previousEnd = 0;
  for (const m of text.matchAll(WORD)) {
    if (endsClause(text, previousEnd, m.index)) scope = 0;
    const gap = gapKind(text, previousEnd, m.index);
    previousEnd = m.index + m[0].length;
    let word = m[0].toLowerCase();
    if (word.includes('’')) word = word.replace(/’/g, "'");
    let negatedHere = scope > 0;
    if (word.endsWith("n't")) {
      negations.push("n't");
      scope = NEGATION_SCOPE + 1;
      negatedHere = false;
      word = word.slice(0, -3);
    } else if (word.endsWith("'s")) word = word.slice(0, -2);
    else if (word.endsWith("'")) word = word.slice(0, -1);
    if (gap === GAP_BREAK || (gap === GAP_COMMA && word === 'and') || CLAUSE_WORDS.has(word)) clause++;
    const kind = predicateAt(word, text, previousEnd);
    if (kind) predicates.push({ at: tokens.length, kind, negated: negatedHere });
    let stem = '';
    if (NEGATIONS.has(word)) {
      negations.push(word);
      scope = (DENIALS.has(word) ? DENIAL_SCOPE : NEGATION_SCOPE) + 1;
      if (NOT_AFFECTED.has(word)) addTerm('affect', m[0]);
    } else if (word.includes('-')) {
      // "industry-wide" must meet "industrywide"; a lowercase compound's parts are content words of their own.
      stem = addTerm(word.replace(/-/g, ''), m[0]);
      if (m[0][0] === m[0][0].toLowerCase()) for (const part of word.split('-')) addTerm(part, part);
    } else {
      stem = addTerm(word, m[0]);
    }
    tokens.push({ word, stem, start: m.index, end: previousEnd, clause });
    scope = Math.max(0, scope - 1);
  }
  const numbers = claimNumbers(text);
  // A number is as telling as a rare word ("$60 million", "eight months"): it joins the terms, under a key no word can have.
  for (const n of numbers) {
    const key = `#${n.unit}:${n.value}`;
    terms.set(key, (terms.get(key) ?? 0) + 1);
    if (!surfaces.has(key)) surfaces.set(key, n.text);
  }
  const assertions = predicates.map((p) => assertionAt(text, tokens, p.at, p.kind, p.negated));
  return { terms, surfaces, numbers, negations, negated, assertions };
}

interface Token {
  word: string;
  /** The content word's stem, or "" for a stopword, a negation or a number. */
  stem: string;
  start: number;
  end: number;
  /** Which clause of the claim the word belongs to. */
  clause: number;
}

interface PredicateKind {
  predicate: string;
  negative: boolean;
  state: boolean;
}

/**
 * What lies between two words, for clauses of predicates: nothing telling, a comma, or punctuation that starts a new clause
 * (commas alone do not: "X, the carrier, was hit"; ", and" does).
 */
const GAP_PLAIN = 0;
const GAP_COMMA = 1;
const GAP_BREAK = 2;
const BREAKS = new Set([...';:!?“”"()'].map((c) => c.charCodeAt(0)));

function gapKind(text: string, from: number, to: number): number {
  let kind = GAP_PLAIN;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (BREAKS.has(code) || (code === 46 && i + 1 < to && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10)))
      return GAP_BREAK;
    if (code === 44) kind = GAP_COMMA;
  }
  return kind;
}

/** Past forms the regular rules miss. */
const IRREGULAR: Record<string, string[]> = {
  steal: ['stole', 'stolen'],
  rise: ['rose', 'risen'],
  grow: ['grew', 'grown'],
  fall: ['fell', 'fallen'],
  begin: ['began', 'begun'],
  shut: ['shut'],
  win: ['won'],
  lose: ['lost'],
  leak: ['leaked'],
  soar: ['soared'],
  plunge: ['plunged'],
};

/**
 * The forms of a predicate word: -s, -ed, -ing (with a final e dropped, or a final consonant doubled after one
 * vowel: "stopped", "banning") and irregular pasts. Words are matched by form, not by stem: stems confuse
 * "authority" with "authorize" and "closely" with "close".
 */
function formsOf(word: string): string[] {
  const forms = [word, ...(IRREGULAR[word] ?? [])];
  const stem = word.endsWith('e') ? word.slice(0, -1) : /^[^aeiou]*[aeiou][bdgklmnpt]$/.test(word) ? word + word.slice(-1) : word;
  forms.push(word + (/(s|sh|ch|x)$/.test(word) ? 'es' : 's'), stem + 'ed', stem + 'ing');
  if (word.endsWith('y')) forms.push(word.slice(0, -1) + 'ied', word.slice(0, -1) + 'ies');
  return forms;
}

/** Predicate kinds by word form. */
const PREDICATE_OF = new Map<string, PredicateKind>(
  Object.entries(PREDICATES).flatMap(([predicate, words]) => {
    const [positive, negative] = words.split('|').map((side) => side.trim().split(/\s+/));
    const kinds = (w: string, isNegative: boolean): [string, PredicateKind][] => {
      const kind = { predicate, negative: isNegative, state: STATES.has(w) };
      return STATES.has(w) ? [[w, kind]] : formsOf(w).map((form) => [form, kind]);
    };
    return [...positive.flatMap((w) => kinds(w, false)), ...negative.flatMap((w) => kinds(w, true))];
  }),
);

/** "Broke into" is a breach; "break" alone is not ("broke the news", "a break"). */
const BREAK = new Set(['break', 'breaks', 'broke', 'broken', 'breaking']);
const BREAK_INTO: PredicateKind = { predicate: 'harm', negative: false, state: false };

/** The predicate kind of the word ending at `end` of the text, with the word after it when that tells ("broke into"). */
function predicateAt(word: string, text: string, end: number): PredicateKind | undefined {
  return predicateOf(word) ?? (BREAK.has(word) && /^\s+into\b/i.test(text.slice(end, end + 8)) ? BREAK_INTO : undefined);
}

function predicateOf(word: string): PredicateKind | undefined {
  return PREDICATE_OF.get(word);
}

/** The predicate kind a word says positively ("breach" → "harm"), if any: a noun naming an event of that kind too. */
export function positivePredicateOf(word: string): string | undefined {
  const kind = PREDICATE_OF.get(word.toLowerCase());
  return kind && !kind.negative ? kind.predicate : undefined;
}

/**
 * What a predicate at token `at` asserts: its polarity, and the content words of its clause it is about,
 * before it when it is passive ("was compromised"), a state ("remained secure") or has no object
 * ("compromised in March"), else after it ("closed the pier").
 */
function assertionAt(text: string, tokens: Token[], at: number, kind: PredicateKind, negated: boolean): Assertion {
  const token = tokens[at];
  const clause = token.clause;
  const next = tokens[at + 1];
  const passive =
    kind.state ||
    tokens.slice(Math.max(0, at - 3), at).some((t) => BE.has(t.word) && t.clause === clause) ||
    !next ||
    next.clause !== clause ||
    NO_OBJECT_AFTER.has(next.word);
  const about: string[] = [];
  let start = token.start;
  let end = token.end;
  let pronounAt = -1;
  const step = passive ? -1 : 1;
  for (let i = at + step; i >= 0 && i < tokens.length && tokens[i].clause === clause && about.length < ABOUT_WORDS; i += step) {
    const t = tokens[i];
    if (t.stem && !predicateOf(t.word) && !BE.has(t.word)) about.push(t.stem);
    if (PRONOUNS.has(t.word) && pronounAt < 0) pronounAt = t.start;
    start = Math.min(start, t.start);
    end = Math.max(end, t.end);
  }
  const negation = negated ? 'not … ' : '';
  return {
    predicate: kind.predicate,
    negative: kind.negative !== negated,
    words: negation + text.slice(token.start, token.end),
    about,
    start,
    end,
    pronounAt,
  };
}

/**
 * Whether the gap between two words holds punctuation that ends a clause (and a negation's reach). The
 * dot after a single letter is an abbreviation's ("U.S."), not a sentence's.
 */
function endsClause(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (!CLAUSE_END.has(code)) continue;
    if (code === 46 && i === from && from >= 1 && isLetter(text.charCodeAt(from - 1)) && !isLetter(text.charCodeAt(from - 2))) continue;
    return true;
  }
  return false;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const CLAUSE_END = new Set([...',.;:!?()“”"'].map((c) => c.charCodeAt(0)));

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Stems by word: a corpus repeats its vocabulary, and stemming is the costliest step of reading a claim. */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    const plain = stemmer(word);
    stem = FAMILY_OF.get(plain) ?? plain;
    stems.set(word, stem);
  }
  return stem;
}

/**
 * Whether a claim is told in the negative. Any negation counts: "have not been impacted, and we have no
 * evidence" is one denial told twice, not a double negative.
 */
export function isNegative(features: Pick<ClaimFeatures, 'negations'>): boolean {
  return features.negations.length > 0;
}

function claimNumbers(text: string): NumberFact[] {
  const facts: NumberFact[] = [];
  if (!MAY_HAVE_NUMBERS.test(text)) return facts;
  const taken = new Uint8Array(text.length);
  const take = (m: RegExpMatchArray, value: number, unit: string): void => {
    const start = m.index ?? 0;
    if (taken.subarray(start, start + m[0].length).some((x) => x === 1)) return;
    taken.fill(1, start, start + m[0].length);
    facts.push({ value, unit, text: m[0].trim() });
  };
  for (const m of text.matchAll(MONEY)) take(m, parseNumber(m[1]) * (MULTIPLIERS[(m[2] ?? '').toLowerCase()] ?? 1), 'money');
  for (const m of text.matchAll(PERCENT)) take(m, parseNumber(m[1]), 'percent');
  for (const m of text.matchAll(ISO_DATE)) {
    take(m, Number(m[2]) * 100 + Number(m[3]), 'date');
    facts.push({ value: Number(m[1]), unit: 'year', text: m[1] });
  }
  for (const m of text.matchAll(MONTH_DATE)) {
    if (m[1] === 'May' && !m[2]) continue; // the modal verb, most of the time
    take(m, (MONTHS.indexOf(m[1].toLowerCase()) + 1) * 100 + Number(m[2] ?? 0), 'date');
    if (m[3]) facts.push({ value: Number(m[3]), unit: 'year', text: m[3] });
  }
  for (const m of text.matchAll(YEAR)) take(m, Number(m[1]), 'year');
  for (const m of text.matchAll(COUNT)) {
    const noun = m[3].toLowerCase();
    if (STOPWORDS.has(noun) || /^\d/.test(noun)) continue;
    const base = NUMBER_WORDS[m[1].toLowerCase()] ?? parseNumber(m[1]);
    take(m, base * (MULTIPLIERS[(m[2] ?? '').toLowerCase()] ?? 1), stemmer(noun));
  }
  return facts;
}

function parseNumber(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

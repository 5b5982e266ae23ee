/**
 * Time expressions and amounts of money, found by a grammar and normalized. What counts as a date
 * follows OntoNotes 5: calendar dates, bare years, weekdays, months, decades, quarters and fiscal
 * years, seasons and holidays (absolute or anchored to the article's date: "last week",
 * "yesterday", "two years ago") and durations ("three years", "a 10-year-old"). Money: a currency
 * symbol or code ("$1.2 billion", "US$5", "NT$ 60 million", "Rs 500", "€3"), a currency word
 * after a number, spelled out or not ("seventy five thousand dollars", "33 cents"), and ranges
 * ("$5 to $10 million"); hedges before it ("about", "more than") belong to the amount.
 *
 * The grammar was written against one half of the OntoNotes development copy (alternate blocks
 * of 200 sentences; scripts/eval/ontonotes.ts) and is measured on the other half. Spacing is
 * loose (`\s?` around "-", "," and "'s") because tokenized text ("Jan 3 , 2007") is as common in
 * benchmark data as "Jan 3, 2007" is in articles.
 */

export type DateKind = 'absolute' | 'relative' | 'duration';

/** A normalized date: its kind and, when it can be resolved, an ISO 8601 value (TIMEX3 style). */
export interface DateValue {
  kind: DateKind;
  /**
   * "2024-11-15", "2024-11", "2024", "198X" (a decade), "2024-Q3", "2024-SU" (a season), "2024-W46"
   * (a week) for dates; "P3Y", "P2W", "P10D" for durations. Absent when it cannot be resolved
   * (a relative date in an article that states no date of its own, "recent years").
   */
  iso?: string;
}

/** A normalized amount of money: ISO 4217 currency when known, the amount (the low end of a range). */
export interface MoneyValue {
  currency?: string;
  amount?: number;
  /** The high end of a range ("$5 to $10 million"). */
  upTo?: number;
}

export interface TemporalMatch {
  start: number;
  end: number;
  /** The entity types of types.ts these are. */
  type: 'Date' | 'Money';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const UNITS: Record<string, string> = {
  day: 'D',
  week: 'W',
  weekend: 'D',
  month: 'M',
  quarter: 'Q',
  year: 'Y',
  decade: 'DE',
  century: 'CE',
};
const SMALL_NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];
const SCALES: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};

const S = '\\s?';
const SP = '\\s+';
const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;

const MONTH_NAME = `(?:${MONTHS.filter((m) => m !== 'may').join('|')}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?)`;
const ANY_MONTH = `(?:${MONTH_NAME}|may)`;
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const SHORT_YEAR = "'\\d\\d";
const DAY_NUM = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const UNIT_WORD = '(?:twenty|thirty)';
const ORDINAL_WORD = `(?:${UNIT_WORD}[-\\s]?(?:${ORDINALS.slice(1, 10).join('|')})|${ORDINALS.slice(1).join('|')}|thirtieth)`;
const DAY = `(?:${DAY_NUM}|${ORDINAL_WORD})`;
const NUMBER_WORD = `(?:${TENS.slice(2).join('|')})(?:(?:\\s?-\\s?|\\s+)?(?:${SMALL_NUMBERS.slice(1, 10).join('|')}))?|${SMALL_NUMBERS.slice(1).join('|')}`;
const SPELLED_YEAR = `(?:nineteen${SP}(?:${TENS.slice(2).join('|')})(?:${S}-?${S}(?:${SMALL_NUMBERS.slice(1, 10).join('|')}))?|two${SP}thousand(?:${SP}(?:and${SP})?(?:${SMALL_NUMBERS.slice(1).join('|')}))?)`;
const WEEKDAY = alt(WEEKDAYS);
const SEASON = '(?:spring|summer|fall|autumn|winter)';
const HOLIDAY = `(?:christmas(?:${SP}(?:day|eve))?|easter|ramadan|thanksgiving|hanukkah|passover|diwali|new${SP}year${S}'s(?:${SP}(?:day|eve))?|independence${SP}day|labou?r${SP}day|memorial${SP}day|valentine${S}'s${SP}day|halloween|lunar${SP}new${SP}year|spring${SP}festival)`;
const COUNT_WORDS = `(?:\\d+(?:[.,]\\d+)?|${NUMBER_WORD}|a|an|one|a${SP}few|few|a${SP}couple${SP}of|a${SP}couple|several|many|some|a${SP}number${SP}of|dozens${SP}of|(?:tens${SP}of${SP}|hundreds${SP}of${SP})?(?:hundreds|thousands|millions|billions)${SP}of|half${SP}a|a${SP}half|\\d+${S}-${S}\\d+|(?:${NUMBER_WORD})${SP}or${SP}(?:${NUMBER_WORD}))`;
/**
 * A count of units: figures or words, with a scale ("four billion years") or a half ("two and a half
 * years", "two-and-a-half-year"), in any spacing of the hyphens.
 */
const COUNT = `(?:${COUNT_WORDS}(?:${SP}(?:hundred|thousand|million|billion))?(?:${S}-?${S}and${S}-?${S}a${S}-?${S}half)?)`;
const UNIT = '(?:days?|weeks?|weekends?|months?|quarters?|years?|decades?|centuries|century)';
const HEDGE = `(?:about|around|nearly|almost|roughly|approximately|some|more${SP}than|less${SP}than|fewer${SP}than|at${SP}least|at${SP}most|up${SP}to|only|just|another|the${SP}(?:past|last|next|first|coming|previous|following|same|whole|entire|full|short|recent)|the|past|last|next|first|recent|coming|its|their|his|her|our)`;
/** Hedges of a compound ("a four-week strike"): not the article. */
const COMPOUND_HEDGE = `(?:about|around|nearly|almost|roughly|some|more${SP}than|less${SP}than|at${SP}least|only|just|another)`;
const ANCHOR = `(?:this${SP}past|this|last|next|past|coming|previous|following|(?:the${SP})?current|the${SP}same)`;
const ORDINAL_NUM = '(?:first|second|third|fourth|1st|2nd|3rd|4th)';
const DECADE = `(?:(?:the${SP})?(?:early|mid|late)?${S}-?${S}(?:(?:1[5-9]|20)?\\d0${S}'?${S}s|'\\d0${S}'?${S}s)|(?:the${SP})?(?:early${SP}|mid-?|late${SP})?(?:nineteen${SP})?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))`;
const CENTURY = `(?:the${SP})?(?:(?:early|mid|late)${S}-?${S})?(?:\\d{1,2}(?:st|nd|rd|th)|${ORDINAL_WORD}|twenty${S}-?${S}first)${S}-?${S}century`;
const OF_YEAR = `(?:${S},?${S}(?:${YEAR}|${SPELLED_YEAR})|${SP}${SHORT_YEAR}|${SP}of${SP}(?:${YEAR}|${SPELLED_YEAR}|this${SP}year|last${SP}year|next${SP}year|the${SP}(?:same|previous|following)${SP}year))`;

/** Date grammar: each pattern a whole expression; the longest match wins where they overlap. */
const DATE_PATTERNS: readonly string[] = [
  // Calendar dates.
  `(?:(?:early|mid|late|the${SP}end${SP}of|the${SP}beginning${SP}of|the${SP}middle${SP}of|the${SP}start${SP}of)${S}-?${S})?${ANY_MONTH}${SP}${DAY}(?:${OF_YEAR})?`,
  `(?:the${SP})?${DAY}${SP}(?:of${SP})?${ANY_MONTH}(?:${OF_YEAR})?`,
  `(?:(?:early|mid|late|the${SP}end${SP}of|the${SP}beginning${SP}of|the${SP}middle${SP}of|the${SP}start${SP}of|last|next|this)${S}-?${S})?${MONTH_NAME}(?:${OF_YEAR})?`,
  `(?:early|mid|late|the${SP}end${SP}of|the${SP}beginning${SP}of|last|next|this)${S}-?${S}may|may${OF_YEAR}`,
  `the${SP}(?:(?:[12]\\d|3[01]|[4-9])th|2[123](?:nd|rd)|31st|(?:${UNIT_WORD}[-\\s]?(?:${ORDINALS.slice(1, 10).join('|')})|${ORDINALS.slice(10).join('|')}|thirtieth))(?!${SP}(?:century|centuries|anniversary|time|floor|place|round|day|year|amendment))`,
  `${YEAR}-[01]\\d-[0-3]\\d`,
  `[01]?\\d/[0-3]?\\d/(?:${YEAR}|\\d\\d)`,
  `(?:(?:early|mid|late|the${SP}end${SP}of|the${SP}beginning${SP}of|the${SP}middle${SP}of|the${SP}start${SP}of|the${SP}whole${SP}year${SP}of)${S}-?${S})?(?:${YEAR}|${SPELLED_YEAR})(?:${SP}and${SP}${YEAR})?`,
  `(?:fiscal|fy)${S}(?:year${SP})?(?:${YEAR}|${SHORT_YEAR}|\\d\\d)`,
  `(?:the${SP})?${YEAR}${SP}(?:first|second)${SP}half|${YEAR}${S}'s${SP}${ORDINAL_NUM}${SP}quarter`,
  `(?:the${SP})?(?:${ORDINAL_NUM}|${ORDINAL_NUM}${SP}and${SP}${ORDINAL_NUM})${S}-?${S}(?:quarter|half)(?:${SP}of${SP}(?:${YEAR}|(?:this|last|next|the)${SP}year)|${SP}(?:a|last)${SP}year(?:${SP}(?:earlier|ago))?|${S},?${S}${YEAR})?`,
  `(?:the${SP})?first${SP}(?:${COUNT}${SP})?(?:months?|weeks?|days?)${SP}of${SP}(?:the${SP}year|this${SP}year|last${SP}year|${YEAR})`,
  DECADE,
  CENTURY,
  `(?:the${SP})?${SHORT_YEAR}`,
  // Weekdays, seasons, holidays.
  `(?:(?:last|next|this|that|early|late)${SP})?${WEEKDAY}`,
  `(?:this|last|next|the|early|late|that)${SP}${SEASON}(?:${SP}of${SP}${YEAR})?|${SEASON}${SP}of${SP}${YEAR}|${SEASON}${SP}${YEAR}`,
  `(?:(?:this|last|next)${SP})?${HOLIDAY}`,
  // Anchored to the article's date.
  `today|yesterday|tomorrow|(?:the${SP})?day${SP}(?:before${SP}yesterday|after${SP}tomorrow)`,
  `(?:(?:earlier|later|early|mid)${S}-?${S})?${ANCHOR}${SP}(?:fiscal${SP})?(?:week|month|year|weekend|quarter|decade|century|season|term|summer|winter|spring|fall|autumn)`,
  // A season of two years ("1990-91", "1989 - 1990") and "the year 2000".
  `${YEAR}${S}-${S}(?:${YEAR}|\\d\\d)|(?:the${SP})?year${SP}${YEAR}`,
  `(?:the${SP})?same${SP}(?:period|quarter|month|time|day|week)${SP}(?:a|last|of${SP}(?:the${SP})?(?:previous|last))${SP}year(?:${SP}earlier)?`,
  `(?:(?:just|only|about|some|nearly|almost|more${SP}than|less${SP}than)${SP})?${COUNT}${SP}${UNIT}${SP}(?:ago|earlier|later|before|after|from${SP}now|past|hence)`,
  // Uncounted ("years ago", "decades later", "years and years ago").
  `(?:days|weeks|months|years|decades)(?:${SP}and${SP}(?:days|weeks|months|years|decades))?${SP}(?:ago|earlier|later)`,
  `(?:the${SP})?(?:past|last|next|coming|previous|following|recent)${SP}(?:${COUNT}${SP})?${UNIT}(?:${SP}alone)?`,
  `recent${SP}(?:years|months|weeks|days|decades)|the${SP}recent${SP}(?:years|months|weeks|days)`,
  `(?:the${SP})?(?:end|beginning|start|middle|rest|remainder|turn)${SP}of${SP}(?:the|this|last|next)${SP}(?:week|month|year|decade|century|quarter)`,
  `(?:the${SP})?(?:end|beginning|start|middle)${SP}of${SP}(?:last${SP})?${MONTH_NAME}`,
  `the${SP}other${SP}day|the${SP}year${SP}before${SP}last|the${SP}(?:following|previous|next)${SP}(?:day|week|month|year)|the${SP}weekend|(?:a|one|the)${SP}(?:day|week|month|year)${SP}(?:earlier|before|later|after)|${COUNT}${SP}${UNIT}${SP}or${SP}(?:two|so)`,
  // Durations and ages.
  `(?:${HEDGE}${SP}(?:${HEDGE}${SP})?)?${COUNT}${SP}${UNIT}(?:${SP}old)?`,
  // Not "a" ("once-a-year", "1%-a-year": a rate, not a length).
  `(?:${COMPOUND_HEDGE}${SP})?(?!an?${S}-)(?:${COUNT}|\\d+)${S}-${S}(?:day|week|month|year|decade)(?:${S}-${S}old)?`,
  // Compounds of a unit ("year-earlier profits", "a month-long strike", "year-end").
  `year${S}-${S}(?:earlier|ago|end|long)|(?:day|week|month|decade)${S}-${S}long`,
  // An age after a name, between commas ("Ann Porter, 54, resigned"): OntoNotes counts ages as dates.
  `(?<=[A-Za-z.]${S},${S})\\d{1,2}(?=${S},)`,
  `(?:a|the)${SP}(?:day|week|month|year)${SP}or${SP}two`,
];

const SCALE_WORDS = '(?:hundred|thousand|million|billion|trillion|mn|bn|mln|tn|[mbk](?![A-Za-z]))';
// A number starts only where no digit, comma or point precedes: "1,1,1,…" is read once, not from each digit (quadratic).
// Whole figures may carry a fraction, as share prices do ("$ 15 3/4"); none starts inside one ("1/2").
const AMOUNT = `(?:(?<![\\d,./])\\d[\\d,]*(?:\\.\\d+|${SP}\\d{1,2}/\\d{1,2}(?![\\d/]))?|(?<![\\d/])\\.\\d+)(?:${S}${SCALE_WORDS}(?:${SP}${SCALE_WORDS})?)?`;
const SPELLED_AMOUNT = `(?:a|an|one|${NUMBER_WORD}|a${SP}few|several|(?:tens${SP}of${SP}|hundreds${SP}of${SP})?(?:hundreds|thousands|millions|billions)${SP}of)(?:${SP}(?:hundred|thousand|million|billion|trillion)(?:${SP}(?:and${SP})?(?:${NUMBER_WORD}))?)*(?:${SP}(?:hundred|thousand|million|billion|trillion))?`;
const SYMBOL = `(?:(?:US|U\\.S\\.|NT|HK|AU|CA|NZ)${S}\\$|(?:A|C|S|R|Z)\\$|\\$|€|£|¥|₹|₩|₽|₪|₺|₱|₫|฿|Rs\\.?|INR|USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|AUD|CAD|NTD|DM|SFr|FFr|NIS)`;
/**
 * Whose currency it is, before its name ("US dollars", "Hong Kong dollars"). Not every nationality:
 * CoNLL-2003 marks "Swiss" in "Swiss francs" as a name of its own, which an amount taking it in would lose.
 */
const CURRENCY_COUNTRIES = [
  'US',
  'U.S.',
  'American',
  'Hong Kong',
  'HK',
  'Canadian',
  'Australian',
  'New Taiwan',
  'NT',
  'Singapore',
  'New Zealand',
];
const CURRENCY_COUNTRY = `(?:${CURRENCY_COUNTRIES.map((c) => c.replace(/\./g, '\\.').replace(/ /g, SP)).join('|')})`;
/** Names of currencies after an amount: a general list, singular and plural. */
const CURRENCY_NAMES = `(?:dollars?|bucks|cents?|pennies|euros?|pounds?(?:${SP}sterling)?|sterling|yuan(?:${SP}RMB)?|renminbi|RMB|yen|rupees?|(?:d${S}-${S})?marks|francs|pesos|won|rubles|roubles|lire|lira|shekels|rand|riyals|dinars|dirhams|baht|ringgit|rupiah|pence|guilders|pesetas|escudos|drachmas|kronor|kroner|krona|krone|zlotys?|forints?|shillings|naira|taka|dong|grand|p(?![A-Za-z]))`;
const CURRENCY_WORD = `(?:${CURRENCY_COUNTRY}${SP})?${CURRENCY_NAMES}`;
const MONEY_HEDGE = `(?:about|around|nearly|almost|roughly|approximately|some|more${SP}than|less${SP}than|(?:well|just|a${SP}little)${SP}(?:over|under)|over|under|only|just|at${SP}least|estimated|as${SP}(?:much|little|many|high|low)${SP}as|close${SP}to|upwards${SP}of)`;
const SYMBOL_AMOUNT = `${SYMBOL}${S}${AMOUNT}`;
/** Codes written after an amount ("500 USD"); a sign after a number belongs to the next amount. */
const CODE = '(?:USD|EUR|GBP|JPY|CNY|RMB|INR|HKD|CHF|AUD|CAD|NTD)';
const WORD_AMOUNT = `(?:${AMOUNT}|${SPELLED_AMOUNT})${SP}(?:${CURRENCY_WORD}|${CODE})`;

const MONEY_PATTERNS: readonly string[] = [
  // Not joined by "and": "$5,000 and 80 staff", "DM 40 million and SFr 3 billion" are no ranges.
  `(?:${MONEY_HEDGE}${SP})?${SYMBOL_AMOUNT}(?:${S}(?:-|to)${S}(?:${SYMBOL}${S})?${AMOUNT})?`,
  `(?:${MONEY_HEDGE}${SP})?(?:${AMOUNT}${S}(?:-|to)${S})?${WORD_AMOUNT}`,
  `(?:${MONEY_HEDGE}${SP})?(?:${AMOUNT}|${SPELLED_AMOUNT})${SP}dollar(?=${S}-?${S}[A-Za-z])`,
];

/**
 * Compiled once, sticky: each is tried only where a date or amount can start (see startPositions),
 * which keeps the grammar off the rest of the text. The edges stand for word boundaries that also
 * work next to "$"; without the `u` flag (several times slower here), letters are Latin ones.
 */
const WORD_CHAR = 'A-Za-z0-9\\u00c0-\\u024f';
const compile = (patterns: readonly string[]): RegExp[] =>
  patterns.map((p) => new RegExp(`(?<![${WORD_CHAR}$€£¥])(?:${p})(?![${WORD_CHAR}])`, 'yi'));
/** The patterns as one alternation: it matches at a position exactly when one of them does. */
const unionOf = (patterns: readonly string[]): RegExp =>
  new RegExp(`(?<![${WORD_CHAR}$€£¥])(?:${patterns.map((p) => `(?:${p})(?![${WORD_CHAR}])`).join('|')})`, 'yi');
/** How many date patterns one union stands for (below): a few, so that a union's test rules out several patterns at once. */
const PATTERNS_PER_UNION = 4;

/** Patterns tried together: `union` matches at a position exactly when one of `members` does. */
interface PatternGroup {
  union: RegExp;
  members: RegExp[];
}

/** The patterns of one type: their union, and the patterns in small groups with a union each. */
interface TypePatterns {
  type: TemporalMatch['type'];
  union: RegExp;
  groups: PatternGroup[];
}

/**
 * A position where a type's union fails (most triggers start no date or amount, and an amount is no
 * date) is ruled out for all its patterns with one test; where it matches, a group's union rules out
 * its few members with one test rather than one each.
 */
function typePatterns(type: TemporalMatch['type'], patterns: readonly string[]): TypePatterns {
  const groups: PatternGroup[] = [];
  for (let i = 0; i < patterns.length; i += PATTERNS_PER_UNION) {
    const part = patterns.slice(i, i + PATTERNS_PER_UNION);
    groups.push({ union: unionOf(part), members: compile(part) });
  }
  return { type, union: unionOf(patterns), groups };
}
const TYPES: readonly TypePatterns[] = [typePatterns('Money', MONEY_PATTERNS), typePatterns('Date', DATE_PATTERNS)];

/** Words that every date or amount holds at least one of (or a digit, or a currency sign). */
const TRIGGER_WORDS = [
  ...MONTHS,
  ...MONTH_ABBR,
  'sept',
  ...WEEKDAYS,
  'days?',
  'weeks?',
  'weekends?',
  'months?',
  'quarters?',
  'years?',
  'decades?',
  'century',
  'centuries',
  'season',
  'term',
  'half',
  'today',
  'yesterday',
  'tomorrow',
  'spring',
  'summer',
  'fall',
  'autumn',
  'winter',
  'christmas',
  'easter',
  'ramadan',
  'thanksgiving',
  'hanukkah',
  'passover',
  'diwali',
  'halloween',
  'new',
  'independence',
  'labou?r',
  'memorial',
  'valentine',
  'lunar',
  'twenties',
  'thirties',
  'forties',
  'fifties',
  'sixties',
  'seventies',
  'eighties',
  'nineties',
  'nineteen',
  'thousand',
  'fiscal',
  'fy',
  ...ORDINALS.slice(10),
  'thirtieth',
  'twenty',
  'thirty',
  'dollars?',
  'cents?',
  'euros?',
  'pounds?',
  'sterling',
  'yuan',
  'renminbi',
  'rmb',
  'yen',
  'rupees?',
  'rs',
  'marks',
  'francs',
  'pesos',
  'won',
  'rubles',
  'roubles',
  'lira',
  'shekels',
  'rand',
  'riyals',
  'dinars',
  'baht',
  'ringgit',
  'rupiah',
  'pence',
  'bucks',
  'pennies',
  'lire',
  'dirhams',
  'guilders',
  'pesetas',
  'escudos',
  'drachmas',
  'kronor',
  'kroner',
  'krona',
  'krone',
  'zlotys?',
  'forints?',
  'shillings',
  'naira',
  'taka',
  'dong',
  'usd',
  'eur',
  'gbp',
  'jpy',
  'cny',
  'inr',
  'hkd',
  'chf',
  'aud',
  'cad',
  'ntd',
  'dm',
  'sfr',
  'ffr',
  'nis',
  'grand',
];
/** TRIGGER_WORDS spelled out, lowercase ("days?" gives "day" and "days"). */
const TRIGGER_SET = new Set(TRIGGER_WORDS.flatMap((w) => (w.includes('?') ? [w.replace(/.\?/u, ''), w.replace('?', '')] : [w])));
const LONGEST_TRIGGER = Math.max(...[...TRIGGER_SET].map((w) => w.length));

/** One step of a word's hash as triggerStarts reads it: ASCII capitals as small letters, kept a small integer. */
function hashStep(hash: number, c: number): number {
  return (Math.imul(hash, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) & 0x3fffffff;
}
/** The hashes of TRIGGER_SET: a word whose hash is not among them is no trigger, with no string made of it. */
const TRIGGER_HASHES = new Set(
  [...TRIGGER_SET].map((w) => {
    let hash = 0;
    for (let i = 0; i < w.length; i++) hash = hashStep(hash, w.charCodeAt(i));
    return hash;
  }),
);
/** The currency signs, a flag per code unit: asked of every character between words. */
const CURRENCY_SIGNS = new Uint8Array(65536);
for (const c of '$€£¥₹₩₽₪₺₱₫฿') CURRENCY_SIGNS[c.charCodeAt(0)] = 1;

/** A digit, an ASCII letter or "_": what `\b` tells from the rest. */
function isWordUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Where the triggers start, in order: every run of digits, every currency sign, and every word (run of
 * digits, ASCII letters and "_") that is one of TRIGGER_WORDS in any case. Read in one pass over the
 * units: a regular expression of the hundred words tried the words at every word's start.
 */
function triggerStarts(text: string, found: (at: number) => void): void {
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (!isWordUnit(c)) {
      if (CURRENCY_SIGNS[c] === 1) found(i);
      i++;
      continue;
    }
    let end = i;
    let digits = false;
    let hash = 0;
    while (end < text.length && isWordUnit(text.charCodeAt(end))) {
      const d = text.charCodeAt(end);
      if (d >= 48 && d <= 57) {
        if (!digits) found(end);
        digits = true;
      } else digits = false;
      hash = hashStep(hash, d);
      end++;
    }
    // Most words are no trigger: their hash says so before any string is made (the set confirms the rest).
    if (end - i <= LONGEST_TRIGGER && TRIGGER_HASHES.has(hash) && TRIGGER_SET.has(text.slice(i, end).toLowerCase())) found(i);
    i = end;
  }
}
/** Words that may stand before the trigger inside one expression ("about the past two years"). */
const LEAD_WORDS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'last',
  'next',
  'past',
  'coming',
  'previous',
  'following',
  'same',
  'recent',
  'early',
  'mid',
  'late',
  'earlier',
  'later',
  'end',
  'beginning',
  'start',
  'middle',
  'rest',
  'remainder',
  'turn',
  'of',
  'about',
  'around',
  'nearly',
  'almost',
  'roughly',
  'approximately',
  'some',
  'more',
  'less',
  'fewer',
  'than',
  'at',
  'least',
  'most',
  'over',
  'under',
  'up',
  'to',
  'only',
  'just',
  'another',
  'whole',
  'entire',
  'full',
  'short',
  'its',
  'their',
  'his',
  'her',
  'our',
  'few',
  'couple',
  'several',
  'many',
  'number',
  'dozens',
  'hundreds',
  'thousands',
  'millions',
  'billions',
  'half',
  'estimated',
  'other',
  'day',
  'period',
  'and',
  'or',
  'one',
  'hundred',
  'thousand',
  'million',
  'billion',
  'us',
  'u.s.',
  'new',
  'current',
  'tens',
  'as',
  'much',
  'little',
  'close',
  'well',
  'upwards',
  ...CURRENCY_COUNTRIES.flatMap((c) => c.toLowerCase().split(' ')),
  'first',
  'second',
  'third',
  'fourth',
  '-',
  ',',
  ...SMALL_NUMBERS,
  ...TENS.slice(2),
  ...ORDINALS.slice(1),
]);
const MAX_LEAD_WORDS = 6;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0';
}

/** isSpace of the code unit at `i`, read as a number (no one-character string per character). */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
}

/**
 * Where a date or amount may start: each trigger, its word, and the lead words right before it; in
 * increasing order, each once. Collected as they come (nearly in order), then sorted as numbers.
 */
export function startPositions(text: string): Int32Array {
  let starts = new Int32Array(64);
  let count = 0;
  const add = (at: number): void => {
    if (count === starts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = at;
  };
  // Triggers come in order: the chunk start is carried forward rather than searched backwards from
  // each trigger, which took quadratic time on a long chunk of them ("1,1,1,…").
  let chunkStart = 0;
  let scannedTo = 0;
  triggerStarts(text, (trigger) => {
    let at = trigger;
    add(at);
    // The start of the chunk between spaces that holds the trigger ("mid-1960s", "US$5").
    for (; scannedTo < at; scannedTo++) if (isSpaceAt(text, scannedTo)) chunkStart = scannedTo + 1;
    at = chunkStart;
    add(at);
    for (let k = 0; k < MAX_LEAD_WORDS; k++) {
      let end = at;
      while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\u00a0')) end--;
      if (end === at || end === 0) break;
      let begin = end;
      while (begin > 0 && !isSpaceAt(text, begin - 1)) begin--;
      const word = text.slice(begin, end).toLowerCase();
      if (!LEAD_WORDS.has(word) && !/^\d/u.test(word)) break;
      add(begin);
      at = begin;
    }
  });
  const sorted = starts.subarray(0, count).sort();
  let unique = 0;
  for (let i = 0; i < count; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i];
  return sorted.subarray(0, unique);
}

/**
 * Whether the character before `at` is one after which no pattern can start (their common
 * look-behind, tested in the patterns' own flags so that case folding agrees), by code unit, known once.
 */
const AFTER_WHICH_NONE = new RegExp(`^[${WORD_CHAR}$€£¥]$`, 'i');
const noneAfter = new Uint8Array(65536);
function nothingStartsAt(text: string, at: number): boolean {
  if (at === 0) return false;
  const code = text.charCodeAt(at - 1);
  if (noneAfter[code] === 0) noneAfter[code] = AFTER_WHICH_NONE.test(text[at - 1]) ? 1 : 2;
  return noneAfter[code] === 1;
}

/**
 * Dates and amounts of money in `text`, longest first where they overlap (money before dates on
 * a tie: "$1,999" is not the year 1999).
 */
export function findTemporal(text: string): TemporalMatch[] {
  // The candidates by length, then type (amounts first), each list in the order of its starts: the
  // order they are kept in (longest first, amounts before dates, leftmost first) with no sorting of them.
  const byLength = new Map<number, { Money: number[]; Date: number[] }>();
  const tryAt = (at: number, res: readonly RegExp[], type: TemporalMatch['type']): void => {
    for (const re of res) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m || !m[0]) continue;
      let start = at;
      while (start < text.length && (isSpace(text[start]) || text[start] === '-')) start++;
      const end = trimEnd(text, start, at + m[0].length);
      if (end <= start || !acceptable(text, start, end, type)) continue;
      let lists = byLength.get(end - start);
      if (!lists) byLength.set(end - start, (lists = { Money: [], Date: [] }));
      lists[type].push(start);
    }
  };
  for (const at of startPositions(text)) {
    if (nothingStartsAt(text, at)) continue;
    for (const { type, union, groups } of TYPES) {
      union.lastIndex = at;
      if (!union.test(text)) continue;
      for (const group of groups) {
        group.union.lastIndex = at;
        if (groups.length === 1 || group.union.test(text)) tryAt(at, group.members, type);
      }
    }
  }
  // Taken characters are marked, so that keeping the candidates apart is linear in their number; the
  // kept ones are found again in text order by their starts (they do not overlap: one per start).
  const covered = new Uint8Array(text.length);
  const endAt = new Int32Array(text.length);
  const moneyAt = new Uint8Array(text.length);
  for (const length of [...byLength.keys()].sort((a, b) => b - a)) {
    const lists = byLength.get(length);
    for (const type of ['Money', 'Date'] as const) {
      for (const start of lists?.[type] ?? []) {
        const end = start + length;
        if (isCovered(covered, start, end)) continue;
        covered.fill(1, start, end);
        endAt[start] = end;
        moneyAt[start] = type === 'Money' ? 1 : 0;
      }
    }
  }
  const taken: TemporalMatch[] = [];
  for (let start = 0; start < text.length; start++)
    if (endAt[start] > 0) taken.push({ start, end: endAt[start], type: moneyAt[start] ? 'Money' : 'Date' });
  return joinRanges(text, widenDates(text, taken));
}

/** How far before a date its lead ("the first week of", "the year ended") is looked for. */
const LEAD_WITHIN = 60;
/**
 * What OntoNotes takes into a date before it: the part of a period ("the first day of Ramadan",
 * "the last week of June") and the period a date ends ("the year ended Sept. 30, 1990").
 */
const DATE_LEAD = new RegExp(
  `(?<![${WORD_CHAR}])(?:(?:the${SP})?(?:first|last|final|opening|closing|second|third|fourth)${SP}(?:(?:${COUNT})${SP})?(?:day|week|weekend|month|quarter|half|year)s?${SP}of${SP}(?:the${SP})?|(?:the${SP})?(?:fiscal${SP})?(?:year|quarter|half|period|(?:${COUNT}${SP})?(?:months|weeks))${SP}end(?:ed|ing)${SP})$`,
  'i',
);
const LEAD_END = /(?:^|[^A-Za-z])(?:of|ended|ending)\s+(?:the\s+)?$/i;
/** Enough characters for LEAD_END ("ending the "). */
const LEAD_END_WITHIN = 14;
/** A date that is the day of a time ("the evening of November 18"): a time, as OntoNotes has it. */
const TIME_LEAD = /(?<![A-Za-z])(?:morning|afternoon|evening|night)\s+of\s+(?:the\s+)?$/iu;

/** Dates with their lead taken in (dates inside the lead go into it), and days of a time left out. */
function widenDates(text: string, taken: TemporalMatch[]): TemporalMatch[] {
  const out: TemporalMatch[] = [];
  for (const m of taken) {
    if (m.type !== 'Date') {
      out.push(m);
      continue;
    }
    // Every lead ends in "of", "ended" or "ending" (and "the"): the few words before most dates do not, and are read no further.
    const before = LEAD_END.test(text.slice(Math.max(0, m.start - LEAD_END_WITHIN), m.start))
      ? text.slice(Math.max(0, m.start - LEAD_WITHIN), m.start)
      : '';
    if (before && TIME_LEAD.test(before)) continue;
    const lead = before ? DATE_LEAD.exec(before) : null;
    if (!lead) {
      out.push(m);
      continue;
    }
    const start = m.start - lead[0].length;
    // An amount inside the lead keeps the date as it was; dates there become part of this one.
    if (out.some((o) => o.end > start && o.type === 'Money')) {
      out.push(m);
      continue;
    }
    while (out.length && out[out.length - 1].end > start) out.pop();
    out.push({ start, end: m.end, type: 'Date' });
  }
  return out;
}

/** A range of dates is one date ("January to March", "from the fall of 1962 through the spring of 1967"). */
const RANGE_JOIN = /^\s+(?:to|through|until|till)\s+$/iu;
/** "May" after a range's "to" is the month, not the verb ("March to May"). */
const TO_MAY = new RegExp(`^\\s+(?:to|through|until|till)\\s+may(?:${OF_YEAR})?(?![${WORD_CHAR}])`, 'iu');
const MONTH_IN = new RegExp(`(?<![${WORD_CHAR}])${MONTH_NAME}(?![${WORD_CHAR}])`, 'iu');

function joinRanges(text: string, taken: TemporalMatch[]): TemporalMatch[] {
  const out: TemporalMatch[] = [];
  for (const m of taken) {
    const last = out[out.length - 1];
    // Not a length before a date ("six months to June 30": the months end then).
    if (
      last &&
      last.type === 'Date' &&
      m.type === 'Date' &&
      RANGE_JOIN.test(text.slice(last.end, m.start)) &&
      normalizeDate(text.slice(last.start, last.end)).kind !== 'duration'
    )
      last.end = m.end;
    else out.push({ ...m });
  }
  for (const m of out) {
    if (m.type !== 'Date') continue;
    const toMay = TO_MAY.exec(text.slice(m.end, m.end + 40));
    if (toMay && MONTH_IN.test(text.slice(m.start, m.end))) m.end += toMay[0].length;
  }
  return out;
}

function isCovered(covered: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (covered[i] === 1) return true;
  return false;
}

/** Words that bound a count ("more than", "at least"), right before a number. */
const COUNT_BOUND_BEFORE =
  /(?:^|[^A-Za-z])(?:more|less|fewer)\s+than\s+$|(?:^|[^A-Za-z])(?:at\s+least|nearly|almost|as\s+many\s+as|some|over|approximately|roughly)\s+$/iu;

/** Numbers that are not years: "1,500", "1987.5", "2000 percent". */
const NOT_A_YEAR_AFTER = /^\s?(?:%|percent|per\s?cent|[.,]\d)/iu;

/** A match never ends in whitespace or a hyphen (the loose spacing can leave one). */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s,-]/u.test(text[end - 1])) end--;
  return end;
}

/** A capitalized word and a comma, right before an age ("Porter, 54,"); not a month ("May 5, 12 people"). */
const AFTER_A_NAME = new RegExp(`(?<![A-Za-z])(?!${alt([...MONTHS, ...MONTH_ABBR, ...WEEKDAYS])}\\W)[A-Z][a-z]+\\.?\\s?,\\s?$`, 'u');
const WEEKDAY_ONLY = new RegExp(`^(?:(?:early|late|last|next|this|that)\\s+)?${WEEKDAY}$`, 'iu');
const TIME_OF_DAY_AFTER = /^\s+(?:morning|afternoon|evening)\b/iu;
const NAME_AFTER = /^\s\p{Lu}/u;
/** A month or a day's ordinal in a date with "the" ("the end of last December", "the eighteenth"). */
const MONTH_OR_ORDINAL = new RegExp(`(?<![${WORD_CHAR}])(?:${MONTH_NAME}|${ORDINAL_WORD}|\\d+(?:st|nd|rd|th))(?![${WORD_CHAR}])`, 'iu');
/**
 * "The summer" and "the winter" are seasons; "the fall" and "the spring" only after a preposition of
 * time ("in the fall"): otherwise they are as often a decline or a source ("the fall in prices").
 */
const THE_SEASON = new RegExp(`^the\\s+${SEASON}$`, 'iu');
const SEASON_PREPOSITION = /(?:^|\s)(?:in|during|until|since|through|by|before|after)\s+$/iu;
const THE_ORDINAL = /^the\s+(?:\d+(?:st|nd|rd|th)|[a-z-]+(?:th|st|nd|rd))$/iu;

/** Whether a grammar match stands: a lone number needs to look like a year; a lone word like "fall" or "may" needs context. */
function acceptable(text: string, start: number, end: number, type: TemporalMatch['type']): boolean {
  const body = text.slice(start, end);
  // "This may…", "next may": the modal verb.
  if (/\bmay$/u.test(body)) return false;
  // "a pound", "an euro": a bare article is not an amount.
  if (type === 'Money' && /^an?\s+(?:dollar|cent|euro|pound|yen|rupee|sterling|penny|grand|buck)/iu.test(body)) return false;
  if (type === 'Money')
    return (
      /\d|dollar|cent|euro|pound|yuan|yen|rupee|bucks|grand|francs|pesos|lira|shillings|thousand|million|billion/iu.test(body) ||
      /[$€£¥]/u.test(body)
    );
  if (/^\d{4}$/u.test(body)) {
    // "1,500", "1987.5", "2000 percent" and "$2000" are not years; neither is a number inside an address or a code.
    if (NOT_A_YEAR_AFTER.test(text.slice(end, end + 8))) return false;
    // "more than 1500 firms": a year takes no bound of a count.
    if (COUNT_BOUND_BEFORE.test(text.slice(Math.max(0, start - 16), start))) return false;
    if (/[$€£¥#:/.,-]$/u.test(text.slice(Math.max(0, start - 2), start).trimEnd())) return false;
  }
  // A capital month or weekday name ("August", "March") or lowercase words of a relative date; a capitalized "Fall"/"Summer" mid-phrase is fine.
  if (/^(?:march|august|june|april|july|january|february|october|november|december|september)$/iu.test(body) && !/^\p{Lu}/u.test(body))
    return false;
  if (/^(?:an?|one|some|the)\s+(?:day|week|month|year)s?$/iu.test(body)) return false;
  // An age stands after a name ("Ann Porter, 54,"), not after a small word or a figure.
  if (/^\d{1,2}$/u.test(body)) return AFTER_A_NAME.test(text.slice(Math.max(0, start - 40), start));
  // A day of a time ("Friday afternoon") is a time, as OntoNotes has it, not a date.
  if (WEEKDAY_ONLY.test(body) && TIME_OF_DAY_AFTER.test(text.slice(end, end + 12))) return false;
  // "the 6th Asian Games": an ordinal of a name.
  if (THE_ORDINAL.test(body) && NAME_AFTER.test(text.slice(end, end + 3))) return false;
  if (
    /^(?:the|its|their|his|her|our)\s/iu.test(body) &&
    !/\d|year|month|week|day|decade|centur|quarter|half|weekend|\bs\b|ties\b/iu.test(body.replace(/^\S+\s/u, '')) &&
    !MONTH_OR_ORDINAL.test(body) &&
    !(THE_SEASON.test(body) && (/summer|winter/iu.test(body) || SEASON_PREPOSITION.test(text.slice(Math.max(0, start - 10), start))))
  )
    return false;
  return true;
}

/** How far into an article its own date may stand (a dateline, a "Published" line). */
const ARTICLE_DATE_WITHIN = 4000;

/** The first full calendar date (day, month and year) in the article: the date relative expressions refer to. */
export function articleDate(text: string): string | undefined {
  const head = text.slice(0, ARTICLE_DATE_WITHIN);
  return firstFullDate(findTemporal(head).map((m) => ({ ...m, text: head.slice(m.start, m.end) })));
}

/**
 * The first of the mentions (in order) near the article's start that is a full calendar date.
 * `normalize` is normalizeDate without an anchor (or a memo of it): with no anchor, the day, month and
 * year all come from the expression, and the year of a full date only from figures, so an expression
 * without a digit is none and is not normalized.
 */
export function firstFullDate(
  mentions: readonly { start: number; type: string; text: string }[],
  normalize: (expression: string) => DateValue = normalizeDate,
): string | undefined {
  for (const m of mentions) {
    if (m.start >= ARTICLE_DATE_WITHIN) break;
    if (m.type !== 'Date' || !DIGIT.test(m.text)) continue;
    const value = normalize(m.text);
    if (value.kind === 'absolute' && value.iso && /^\d{4}-\d\d-\d\d$/.test(value.iso)) return value.iso;
  }
  return undefined;
}

const DIGIT = /\d/;

/** The number a word or figure stands for ("seventy five", "1,200", "a couple of"); undefined when it is none. */
export function parseNumber(words: string): number | undefined {
  const w = words
    .toLowerCase()
    .replace(/,(?=\d{3})/g, '')
    .trim();
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  if (/^(?:a|an|one)$/.test(w)) return 1;
  if (/^(?:a couple(?: of)?|couple)$/.test(w)) return 2;
  if (/^(?:half a|a half)$/.test(w)) return 0.5;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const part of w.split(/[\s-]+/)) {
    if (part === 'and' || part === 'a' || part === 'an') {
      if (part !== 'and') current = Math.max(current, 1);
      continue;
    }
    const small = SMALL_NUMBERS.indexOf(part);
    const tens = TENS.indexOf(part);
    if (/^\d+(?:\.\d+)?$/.test(part)) current += Number(part);
    else if (small >= 0) current += small;
    else if (tens >= 2) current += tens * 10;
    else if (part === 'hundred') current = (current || 1) * 100;
    else if (part === 'half') current += 0.5;
    else if (SCALES[part] && SCALES[part] >= 1000) {
      total += (current || 1) * SCALES[part];
      current = 0;
    } else return undefined;
    seen = true;
  }
  return seen ? total + current : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  const abbr = MONTH_ABBR.indexOf(w === 'sept' ? 'sep' : w);
  return abbr + 1;
}

function dayOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const digits = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(w);
  if (digits) return Number(digits[1]);
  const ordinal = ORDINALS.indexOf(w.replace(/^(?:twenty|thirty)[-\s]?/, ''));
  if (w === 'thirtieth') return 30;
  if (ordinal < 0) return undefined;
  return (w.startsWith('twenty') && w !== 'twentieth' ? 20 : w.startsWith('thirty') ? 30 : 0) + ordinal;
}

function spelledYear(text: string): number | undefined {
  const t = text.toLowerCase().replace(/\s*-\s*/g, ' ');
  const nineteen = /^nineteen (\S+)(?: (\S+))?$/.exec(t);
  if (nineteen) {
    const tens = TENS.indexOf(nineteen[1]);
    const unit = nineteen[2] ? SMALL_NUMBERS.indexOf(nineteen[2]) : 0;
    return tens >= 2 && unit >= 0 ? 1900 + tens * 10 + unit : undefined;
  }
  const thousand = /^two thousand(?: (?:and )?(\S+))?$/.exec(t);
  if (thousand) {
    const unit = thousand[1] ? SMALL_NUMBERS.indexOf(thousand[1]) : 0;
    return unit >= 0 ? 2000 + unit : undefined;
  }
  return undefined;
}

/** Days from the anchor's date, as an ISO date. */
function shiftDays(anchor: string, days: number): string {
  const d = new Date(`${anchor}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function shiftMonths(anchor: string, months: number): string {
  const [y, m] = anchor.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** The ISO week ("2024-W46") of a date. */
function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 864e5 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad(week)}`;
}

/** The normalizers' patterns, compiled once. */
const DURATION_RE = new RegExp(
  `^(?:${HEDGE} )*(${COUNT}|\\d+(?:-\\d+)?)[ -](day|week|weekend|month|quarter|year|decade|centur)(?:y|ies|s)?(?:-old| old)?$`,
  'iu',
);
const MONTH_DAY_RE = new RegExp(`\\b(${ANY_MONTH}) (${DAY})\\b(?:(?:,? | of )(\\d{4}))?`, 'iu');
const DAY_MONTH_RE = new RegExp(`\\b(${DAY}) (?:of )?(${ANY_MONTH})\\b(?:(?:,? | of )(\\d{4}))?`, 'iu');
const MONTH_RE = new RegExp(`\\b(${ANY_MONTH})\\b`, 'iu');
const SEASON_RE = new RegExp(`\\b(${SEASON})\\b`, 'iu');
const WEEKDAY_RE = new RegExp(`\\b(${WEEKDAY})\\b`, 'iu');
const AGO_RE = new RegExp(
  `^(?:(?:just|only|about|some|nearly|almost|more than|less than) )?(${COUNT}) (day|week|month|year|decade)s? (ago|earlier|before|later|after|from now|hence)$`,
  'iu',
);
const MONEY_HEDGE_RE = new RegExp(`^${MONEY_HEDGE} `, 'iu');
const CURRENCY_WORD_RE = new RegExp(`\\b${CURRENCY_WORD}`, 'giu');

const DIRECTION: Record<string, number> = {
  last: -1,
  past: -1,
  previous: -1,
  ago: -1,
  earlier: -1,
  before: -1,
  next: 1,
  coming: 1,
  following: 1,
  later: 1,
  after: 1,
  hence: 1,
  this: 0,
  that: 0,
  current: 0,
};

/**
 * The kind of a date expression and its ISO value; `anchor` is the article's date (YYYY-MM-DD) that
 * relative expressions are resolved against.
 */
export function normalizeDate(expression: string, anchor?: string): DateValue {
  const value = resolveDate(expression, anchor);
  return value.iso === undefined ? { kind: value.kind } : value;
}

/** The ISO length of a count of units (DURATION_RE's match): "P3Y", "P18M" for a year and a half. */
function durationValue(duration: RegExpExecArray): DateValue {
  const count = parseNumber(duration[1].split(/\s+or\s+|(?<=\d)-(?=\d)/)[0]);
  const unit = UNITS[duration[2] === 'centur' ? 'century' : duration[2]];
  if (count === undefined || !unit) return { kind: 'duration' };
  const years = unit === 'DE' || unit === 'CE' || unit === 'Y';
  // A year and a half is eighteen months.
  const inMonths = unit === 'Q' || (years && !Number.isInteger(count));
  const n = (unit === 'DE' ? count * 10 : unit === 'CE' ? count * 100 : unit === 'Q' ? count * 3 : count) * (inMonths && years ? 12 : 1);
  const letter = inMonths ? 'M' : years ? 'Y' : unit;
  return { kind: 'duration', iso: Number.isInteger(n) ? `P${n}${letter}` : undefined };
}

/** An age ("54", after a name) or a compound of a unit ("month-long", "year-earlier"). */
function ageOrCompound(lower: string, anchorYear: number | undefined): DateValue | undefined {
  if (/^\d{1,2}$/.test(lower)) return { kind: 'duration', iso: `P${Number(lower)}Y` };
  const compound = /^(?:(day|week|month|year|decade)-long|year-(?:earlier|ago))$/.exec(lower);
  if (!compound) return undefined;
  if (compound[1]) return { kind: 'duration', iso: `P${compound[1] === 'decade' ? '10Y' : `1${UNITS[compound[1]]}`}` };
  return { kind: 'relative', iso: anchorYear ? String(anchorYear - 1) : undefined };
}

function resolveDate(expression: string, anchor?: string): DateValue {
  const text = expression
    .replace(/\s+/g, ' ')
    .replace(/\s?-\s?/g, '-')
    .replace(/\s?,\s?/g, ', ')
    .replace(/\s'\s?s\b/g, "'s")
    .trim();
  const lower = text.toLowerCase();
  const anchorYear = anchor ? Number(anchor.slice(0, 4)) : undefined;
  const yearIn = (s: string): number | undefined => {
    const m = /\b(1[5-9]\d\d|20\d\d)\b/.exec(s);
    if (m) return Number(m[1]);
    if (/\bthis year\b/.test(s)) return anchorYear;
    if (/\blast year\b/.test(s)) return anchorYear && anchorYear - 1;
    if (/\bnext year\b/.test(s)) return anchorYear && anchorYear + 1;
    return undefined;
  };

  if (/^\d{4}-\d\d-\d\d$/.test(lower)) return { kind: 'absolute', iso: lower };
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(lower);
  if (numeric) {
    const y = numeric[3].length === 2 ? 1900 + Number(numeric[3]) + (Number(numeric[3]) < 50 ? 100 : 0) : Number(numeric[3]);
    return { kind: 'absolute', iso: `${y}-${pad(Number(numeric[1]))}-${pad(Number(numeric[2]))}` };
  }
  const short = ageOrCompound(lower, anchorYear);
  if (short) return short;
  // Durations: a count of units, without an anchor word ("three years", "a 10-year-old").
  const duration = DURATION_RE.exec(lower);
  if (duration && !/^(?:the )?(?:past|last|next|coming|previous|following|recent)\b/.test(lower)) return durationValue(duration);
  if (
    /^(?:several|many|some|a few|a number of|dozens of|hundreds of|\d+|[a-z]+) (?:days|weeks|months|years|decades)$/.test(lower) &&
    !/\b(?:recent|past|last|next)\b/.test(lower)
  )
    return { kind: 'duration' };

  // Calendar dates with a month.
  const monthDay = MONTH_DAY_RE.exec(lower) ?? null;
  const dayMonth = DAY_MONTH_RE.exec(lower) ?? null;
  const md = monthDay
    ? { month: monthOf(monthDay[1]), day: dayOf(monthDay[2]), year: monthDay[3] }
    : dayMonth
      ? { month: monthOf(dayMonth[2]), day: dayOf(dayMonth[1]), year: dayMonth[3] }
      : null;
  if (md && md.month && md.day) {
    const year = md.year ? Number(md.year) : (yearIn(lower) ?? anchorYear);
    return { kind: 'absolute', iso: `${year ?? 'XXXX'}-${pad(md.month)}-${pad(md.day)}` };
  }
  const monthOnly = MONTH_RE.exec(lower);
  if (monthOnly && monthOf(monthOnly[1])) {
    const month = monthOf(monthOnly[1]);
    const explicit = /\b(1[5-9]\d\d|20\d\d)\b/.exec(lower);
    if (explicit) return { kind: 'absolute', iso: `${explicit[1]}-${pad(month)}` };
    const short = /'(\d\d)$/.exec(lower);
    if (short) return { kind: 'absolute', iso: `${centuryOf(short[1])}-${pad(month)}` };
    // "last June", not "the last week of June".
    const before = lower.slice(0, monthOnly.index);
    const shift = /\blast $/.test(before) ? -1 : /\bnext $/.test(before) ? 1 : 0;
    const year = yearIn(lower);
    if (year) return { kind: 'absolute', iso: `${year}-${pad(month)}` };
    if (!anchor) return { kind: shift ? 'relative' : 'absolute', iso: shift ? undefined : `XXXX-${pad(month)}` };
    const anchorMonth = Number(anchor.slice(5, 7));
    const y = anchorYear! + (shift < 0 && month >= anchorMonth ? -1 : shift > 0 && month <= anchorMonth ? 1 : 0);
    return { kind: shift ? 'relative' : 'absolute', iso: `${shift ? y : anchorYear}-${pad(month)}` };
  }
  // Quarters, halves, fiscal years, seasons.
  const quarter = /\b(first|second|third|fourth|1st|2nd|3rd|4th)[ -](quarter|half)\b/.exec(lower);
  if (quarter) {
    const n = ['first', 'second', 'third', 'fourth'].indexOf(quarter[1]) + 1 || Number(quarter[1][0]);
    const relative = /\b(?:this|last|next) year\b|\ba year (?:earlier|ago)\b/.test(lower);
    const year = yearIn(lower) ?? (relative || !anchorYear ? undefined : anchorYear);
    const y = /\ba year (?:earlier|ago)\b/.test(lower) && anchorYear ? anchorYear - 1 : year;
    return { kind: /\d{4}/.test(lower) ? 'absolute' : 'relative', iso: y ? `${y}-${quarter[2] === 'half' ? 'H' : 'Q'}${n}` : undefined };
  }
  const fiscal = /^(?:fiscal|fy) ?(?:year )?(\d{4}|'?\d\d)$/.exec(lower);
  if (fiscal) {
    const digits = fiscal[1].replace("'", '');
    const y = digits.length === 4 ? Number(digits) : 1900 + Number(digits) + (Number(digits) < 50 ? 100 : 0);
    return { kind: 'absolute', iso: `FY${y}` };
  }
  const season = SEASON_RE.exec(lower);
  const SEASON_CODE: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
  if (season && !/festival/.test(lower)) {
    const explicit = /\b(1[5-9]\d\d|20\d\d)\b/.exec(lower);
    const shift = /\blast\b/.test(lower) ? -1 : /\bnext\b/.test(lower) ? 1 : 0;
    if (explicit) return { kind: 'absolute', iso: `${explicit[1]}-${SEASON_CODE[season[1]]}` };
    return { kind: 'relative', iso: anchorYear ? `${anchorYear + shift}-${SEASON_CODE[season[1]]}` : undefined };
  }
  // Decades and centuries.
  const decade = /(?:^|\s|-|')(1[5-9]|20)?(\d)0\s?'?s$/.exec(lower);
  if (decade) return { kind: 'absolute', iso: `${decade[1] ?? '19'}${decade[2]}X` };
  const decadeWord = /(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/.exec(lower);
  if (decadeWord) return { kind: 'absolute', iso: `19${TENS.indexOf(decadeWord[1].replace(/ies$/, 'y'))}X` };
  const century = /(\d{1,2})(?:st|nd|rd|th)[ -]century|([a-z]+(?:-[a-z]+)?)[ -]century/.exec(lower);
  if (century) {
    const n = century[1] ? Number(century[1]) : (dayOf(century[2]) ?? (century[2] === 'twenty-first' ? 21 : undefined));
    return { kind: 'absolute', iso: n ? pad(n - 1) : undefined };
  }
  // Years.
  const year =
    /^(?:(?:early|mid|late|the end of|the beginning of|the middle of|the start of|the whole year of|the year|year)-? ?)?(1[5-9]\d\d|20\d\d)(?: (?:and|to|through|until|till) (\d{4})|-(?:\d{4}|\d\d))?$/.exec(
      lower,
    );
  if (year) return { kind: 'absolute', iso: year[1] };
  const spelled = spelledYear(lower);
  if (spelled) return { kind: 'absolute', iso: String(spelled) };
  if (/^'\d\d$|^the '\d\d$/.test(lower)) return { kind: 'absolute', iso: String(centuryOf(lower.slice(-2))) };
  if (/\bhalf\b/.test(lower) && /\d{4}/.test(lower))
    return { kind: 'absolute', iso: `${/\d{4}/.exec(lower)![0]}-H${/second/.test(lower) ? 2 : 1}` };

  // Anchored to the article's date.
  if (
    /^(?:christmas|easter|ramadan|thanksgiving|hanukkah|passover|diwali|halloween|new year|independence day|labou?r day|memorial day|valentine|lunar new year|spring festival|this christmas|last christmas|next christmas)/.test(
      lower,
    )
  ) {
    const fixed: Record<string, string> = {
      christmas: '12-25',
      'christmas day': '12-25',
      'christmas eve': '12-24',
      "new year's day": '01-01',
      "new year's eve": '12-31',
      halloween: '10-31',
      "valentine's day": '02-14',
    };
    const key = lower.replace(/^(?:this|last|next) /, '');
    const shift = /^last /.test(lower) ? -1 : /^next /.test(lower) ? 1 : 0;
    return { kind: 'relative', iso: fixed[key] && anchorYear ? `${anchorYear + shift}-${fixed[key]}` : undefined };
  }
  const weekday = WEEKDAY_RE.exec(lower);
  if (weekday) {
    if (!anchor) return { kind: 'relative' };
    const target = WEEKDAYS.indexOf(weekday[1]);
    const today = new Date(`${anchor}T00:00:00Z`).getUTCDay();
    // News reports the past: a bare weekday is the latest one up to the article's day, "last Tuesday" the
    // latest before it (a week back only when the article is itself dated a Tuesday); "next" looks ahead.
    let delta = (target - today - 7) % 7 || 0;
    if (delta === 0 && /\blast\b/.test(lower)) delta = -7;
    if (/\bnext\b/.test(lower)) delta = (target - today + 7) % 7 || 7;
    return { kind: 'relative', iso: shiftDays(anchor, delta) };
  }
  const simple: Record<string, number> = {
    today: 0,
    yesterday: -1,
    tomorrow: 1,
    'the day before yesterday': -2,
    'day before yesterday': -2,
    'the day after tomorrow': 2,
    'day after tomorrow': 2,
  };
  if (lower in simple) return { kind: 'relative', iso: anchor ? shiftDays(anchor, simple[lower]) : undefined };
  const ago = AGO_RE.exec(lower);
  if (ago) {
    const n = parseNumber(ago[1]);
    const sign = DIRECTION[ago[3].split(' ')[0]] ?? (ago[3] === 'from now' ? 1 : -1);
    // Geological spans ("four billion years ago") are no calendar year.
    if (!anchor || n === undefined || !Number.isInteger(n) || n > MAX_SHIFT) return { kind: 'relative' };
    return { kind: 'relative', iso: shiftUnit(anchor, ago[2], sign * n) };
  }
  const anchored = /\b(this|last|next|past|coming|previous|following|current|that)\s(week|weekend|month|year|quarter|decade)\b/.exec(lower);
  if (anchored && !/\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|few|many)\b/.test(lower)) {
    const sign = DIRECTION[anchored[1]] ?? 0;
    if (!anchor) return { kind: 'relative' };
    return { kind: 'relative', iso: shiftUnit(anchor, anchored[2], sign) };
  }
  // "the 18th", "the eighteenth": that day of the article's month.
  const dayOfMonth = /^the (\S+(?: \S+)?)$/.exec(lower);
  const day = dayOfMonth ? dayOf(dayOfMonth[1]) : undefined;
  if (day) return { kind: 'relative', iso: anchor ? `${anchor.slice(0, 7)}-${pad(day)}` : undefined };
  const yearWord = /\ba year (earlier|ago|before|later)\b/.exec(lower);
  if (yearWord) return { kind: 'relative', iso: anchorYear ? String(anchorYear + (yearWord[1] === 'later' ? 1 : -1)) : undefined };
  return { kind: 'relative' };
}

/** The most units a relative date is resolved across: more is no date on a calendar ("four billion years ago"). */
const MAX_SHIFT = 5000;

/** The year of a two-digit year ("'87" is 1987, "'05" 2005). */
function centuryOf(digits: string): number {
  const n = Number(digits);
  return 1900 + n + (n < 50 ? 100 : 0);
}

/** The anchor moved by `n` units, at that unit's granularity ("2024-W45", "2024-10", "2023"). */
function shiftUnit(anchor: string, unit: string, n: number): string {
  if (unit === 'day') return shiftDays(anchor, n);
  if (unit === 'week' || unit === 'weekend') return isoWeek(shiftDays(anchor, 7 * n));
  if (unit === 'month') return shiftMonths(anchor, n);
  if (unit === 'quarter') {
    const [y, m] = shiftMonths(anchor, 3 * n)
      .split('-')
      .map(Number);
    return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  }
  if (unit === 'decade') return `${String(Number(anchor.slice(0, 4)) + 10 * n).slice(0, 3)}X`;
  return String(Number(anchor.slice(0, 4)) + n);
}

const CURRENCY_OF: readonly [RegExp, string][] = [
  [/^(?:US|U\.S\.)\s?\$|\bUS(?:D| dollars?)|\bU\.S\. dollars?|\bAmerican dollars?/iu, 'USD'],
  [/^NT\s?\$|\bNTD\b|\bNT dollars?|\bNew Taiwan dollars?/iu, 'TWD'],
  [/^HK\s?\$|\bHKD\b|\bHong Kong dollars?|\bHK dollars?/iu, 'HKD'],
  [/^(?:A|AU)\s?\$|\bAUD\b|\bAustralian dollars?/iu, 'AUD'],
  [/^(?:C|CA)\s?\$|\bCAD\b|\bCanadian dollars?/iu, 'CAD'],
  [/^NZ\s?\$|\bNew Zealand dollars?/iu, 'NZD'],
  [/^S\s?\$|\bSingapore dollars?/iu, 'SGD'],
  [/^R\s?\$/u, 'BRL'],
  [/€|\beuros?\b|\bEUR\b/iu, 'EUR'],
  [/£|\bpounds?\b|\bsterling\b|\bGBP\b|\bpence\b/iu, 'GBP'],
  [/¥|\byen\b|\bJPY\b/iu, 'JPY'],
  [/\byuan\b|\brenminbi\b|\bRMB\b|\bCNY\b/iu, 'CNY'],
  [/₹|\bRs\.?|\brupees?\b|\bINR\b/iu, 'INR'],
  [/₩|\bwon\b/iu, 'KRW'],
  [/₽|\brub(?:le|les)\b|\broubles?\b/iu, 'RUB'],
  [/\bFrench francs\b/iu, 'FRF'],
  [/\bBelgian francs\b/iu, 'BEF'],
  [/\bCHF\b|\bfrancs\b/iu, 'CHF'],
  [/\bPhilippine pesos\b/iu, 'PHP'],
  [/\bArgentine pesos\b/iu, 'ARS'],
  [/\bpesos\b/iu, 'MXN'],
  [/\bmarks\b|^DM\b/iu, 'DEM'],
  [/^SFr\b/iu, 'CHF'],
  [/^FFr\b/iu, 'FRF'],
  [/^NIS\b/iu, 'ILS'],
  [/\bguilders\b/iu, 'NLG'],
  [/\blir[ae]\b/iu, 'ITL'],
  [/\bpesetas\b/iu, 'ESP'],
  [/\bshekels\b/iu, 'ILS'],
  [/\brand\b/iu, 'ZAR'],
  [/\briyals\b/iu, 'SAR'],
  [/\bbaht\b/iu, 'THB'],
  [/\bringgit\b/iu, 'MYR'],
  [/\brupiah\b/iu, 'IDR'],
  [/\bSwedish kron/iu, 'SEK'],
  [/\bNorwegian kron/iu, 'NOK'],
  [/\bDanish kron/iu, 'DKK'],
  [/\bzlotys?\b/iu, 'PLN'],
  [/\bforints?\b/iu, 'HUF'],
  [/\bnaira\b/iu, 'NGN'],
  [/\btaka\b/iu, 'BDT'],
  [/\bdirhams\b/iu, 'AED'],
  [/\bescudos\b/iu, 'PTE'],
  [/\bdrachmas\b/iu, 'GRD'],
  [/\$|\bdollars?\b|\bcents?\b|\bbucks\b|\bpennies\b|\bgrand\b|\bUSD\b/iu, 'USD'],
];

/**
 * CURRENCY_OF without the u flag, for a text of ASCII characters only: on such a text each pattern
 * matches exactly where its u form does (what u changes there is unused: no property or code point
 * escapes, and the two non-ASCII letters that u adds to \w and \b under i are not in the text), and
 * V8 runs these case-insensitive patterns several times faster without it. Nearly every amount is ASCII.
 */
const ASCII_CURRENCY_OF: readonly (readonly [RegExp, string])[] = CURRENCY_OF.map(([re, code]) => [
  new RegExp(re.source, re.flags.replace('u', '')),
  code,
]);

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}

/** The currency and amount of a money expression ("$1.2 billion" → USD 1.2e9; "33 cents" → USD 0.33). */
export function normalizeMoney(expression: string): MoneyValue {
  const text = expression.replace(/\s+/g, ' ').trim();
  const currency = (isAscii(text) ? ASCII_CURRENCY_OF : CURRENCY_OF).find(([re]) => re.test(text))?.[1];
  const body = text
    .replace(MONEY_HEDGE_RE, '')
    .replace(
      /(?:US|U\.S\.|NT|HK|AU|A|CA|C|NZ|S|R)\s?\$|[$€£¥₹₩₽]|\bRs\.?|\b(?:USD|EUR|GBP|JPY|CNY|RMB|INR|HKD|CHF|AUD|CAD|NTD|DM|SFr|FFr|NIS)\b/gu,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  const [low, high] = body.split(/\s?(?:-|\bto\b|\band\b)\s?(?=\d|[a-z])/iu);
  const scaleOf = (s: string): number => {
    const m = /\b(hundred|thousand|million|billion|trillion|mn|bn|mln|tn|[mbk])\b/iu.exec(s);
    return m ? SCALES[m[1].toLowerCase()] : 1;
  };
  const valueOf = (part: string | undefined, fallbackScale: number): number | undefined => {
    if (!part) return undefined;
    const figures = /(\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s+(\d{1,2})\/(\d{1,2}))?/.exec(part);
    // What one of the named unit is worth in the currency: "33 cents", "five grand" (thousand dollars).
    const unit = /\b(?:cents?|pennies|pence|p)\b/iu.test(part) ? 0.01 : /\bgrand\b/iu.test(part) ? 1000 : 1;
    if (figures) {
      const scale = scaleOf(part.slice(figures.index + figures[0].length)) || fallbackScale;
      const fraction = figures[2] ? Number(figures[2]) / Number(figures[3]) : 0;
      return round((Number(figures[1].replace(/,/g, '')) + fraction) * (scale === 1 ? fallbackScale : scale) * unit);
    }
    const words = part.replace(CURRENCY_WORD_RE, ' ');
    const n = parseNumber(words.replace(/\s+/g, ' ').trim());
    return n === undefined ? undefined : round(n * unit);
  };
  const highScale = high ? scaleOf(high) : 1;
  const amount = valueOf(low, high && scaleOf(low) === 1 ? highScale : 1);
  const upTo = valueOf(high, 1);
  return { ...(currency ? { currency } : {}), ...(amount !== undefined ? { amount } : {}), ...(upTo !== undefined ? { upTo } : {}) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * What a Date or Money mention normalizes to, in one shape (the sidecar's `value`, the exports):
 * a date's kind and ISO value, or an amount's currency, amount and upper bound.
 */
export type NormalizedValue = DateValue | MoneyValue;

/** The normalized value of a mention's text by its type; undefined for other types. */
export function normalizedValue(type: string, text: string, anchor?: string): NormalizedValue | undefined {
  if (type === 'Date') return normalizeDate(text, anchor);
  if (type === 'Money') return normalizeMoney(text);
  return undefined;
}

/** A date the corpus timeline can place: a year, a month or a day ("2024", "2024-11", "2024-11-15"). */
export function calendarDate(value: NormalizedValue | undefined): string | undefined {
  const iso = value && 'kind' in value ? value.iso : undefined;
  return iso && /^\d{4}(?:-\d\d(?:-\d\d)?)?$/.test(iso) ? iso : undefined;
}

/** The value as a short line for people ("2024-11-15 (relative)", "USD 1,200,000,000"). */
export function describeValue(value: NormalizedValue): string {
  if ('kind' in value) return value.iso ? `${value.iso} (${value.kind})` : value.kind;
  const amount = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (value.amount === undefined) return value.currency ?? '';
  return `${value.currency ? value.currency + ' ' : ''}${amount(value.amount)}${value.upTo !== undefined ? `–${amount(value.upTo)}` : ''}`;
}

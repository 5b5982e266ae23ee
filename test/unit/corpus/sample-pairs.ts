// Hand labels of the cross-source claim pairs of the five sample articles (../shared/corpus, read by
// path and never copied): which claims of different outlets tell the same thing and which contradict.
// Each claim is named by its article, a UTF-16 offset inside its sentence, and what it says in our words.
// Labelled by reading the articles; not tuned against.

export const SAMPLE_ARTICLES = [
  '000_b9c3d8136d6bfc44.txt',
  '001_0530a9e4153fa28d.txt',
  '002_5c2b844ad3dcb84f.txt',
  '003_37e8a8d248e1a254.txt',
  '004_e7bc997463a769a0.txt',
] as const;

export interface SampleClaim {
  /** Index in SAMPLE_ARTICLES. */
  article: number;
  /** A UTF-16 offset inside the claim's sentence. */
  at: number;
  says: string;
}

export const SAMPLE_CLAIMS: Record<string, SampleClaim> = {
  'victim/0': {
    article: 0,
    at: 23,
    says: 'the carrier is the newest victim of an espionage campaign against American and foreign telecoms',
  },
  'victim/1': { article: 1, at: 42, says: 'Chinese hackers made the carrier their newest espionage victim' },
  'victim/3': {
    article: 3,
    at: 106,
    says: 'the carrier’s network was among those breached in a Chinese campaign against U.S. and foreign telecoms',
  },
  'intel-hackers/0': { article: 0, at: 242, says: 'per the WSJ, hackers tied to Chinese intelligence got into the carrier’s network' },
  'intel-hackers/0-interview': {
    article: 0,
    at: 3436,
    says: 'interviewer: the carrier was named a victim of a campaign blamed on hackers tied to Chinese intelligence',
  },
  'intel-hackers/1': {
    article: 1,
    at: 244,
    says: 'hackers tied to Chinese intelligence got into the network in a months-long effort to watch high-value targets’ phones',
  },
  'intel-hackers/3': {
    article: 3,
    at: 265,
    says: 'hackers tied to Chinese intelligence reportedly got in, in a long effort to watch high-value targets’ phones',
  },
  'records-unknown/0': { article: 0, at: 504, says: 'the report asked whether customers’ call records were taken' },
  'records-unknown/1': { article: 1, at: 826, says: 'the WSJ said it is not known whether customers’ call logs were reached' },
  'records-unknown/3': { article: 3, at: 452, says: 'it is not clear what, if anything, was taken about customers’ calls' },
  'monitoring/0': {
    article: 0,
    at: 758,
    says: 'spokeswoman’s statement: watching the industry-wide attack closely; systems not significantly affected',
  },
  'monitoring/0-interview': {
    article: 0,
    at: 4709,
    says: 'interviewer: the spokesperson said they watch closely and work with authorities',
  },
  'monitoring/1': { article: 1, at: 1755, says: 'spokesperson by email: watching the industry-wide attack closely' },
  'monitoring/3': { article: 3, at: 563, says: 'spokesperson by email: watching the industry-wide attack closely' },
  'not-impacted/0': { article: 0, at: 810, says: 'spokeswoman: systems and data not significantly affected, no sign customer data was' },
  'not-impacted/0-interview': {
    article: 0,
    at: 4314,
    says: 'the expert recalls the carrier saying its systems and data were not significantly affected',
  },
  'not-impacted/1': { article: 1, at: 1856, says: 'spokesperson: systems and data not significantly affected, no sign customer data was' },
  'not-impacted/3': {
    article: 3,
    at: 680,
    says: 'spokesperson added: systems and data not significantly affected, no sign customer data was',
  },
  'with-authorities/0': { article: 0, at: 997, says: 'the carrier keeps monitoring, working with peers and the authorities' },
  'with-authorities/4': {
    article: 4,
    at: 1793,
    says: 'the carrier takes data security seriously and works with police on the investigation',
  },
  'historic/0': {
    article: 0,
    at: 1157,
    says: 'reportedly part of the Salt Typhoon operation, which U.S. officials call possibly historic in scale',
  },
  'historic/3': {
    article: 3,
    at: 1045,
    says: 'U.S. officials call the campaign historically severe; it hit the three other carriers earlier',
  },
  'salt-typhoon/0': { article: 0, at: 1063, says: 'the breach is reportedly part of the Salt Typhoon operation' },
  'salt-typhoon/3': {
    article: 3,
    at: 912,
    says: 'first reported by the WSJ, the breach adds a victim to the Salt Typhoon campaign of Chinese hackers',
  },
  'earlier-carriers/0': { article: 0, at: 1262, says: 'the campaign already hit the three other big carriers' },
  'earlier-carriers/1': { article: 1, at: 1440, says: 'an October report said the three other big carriers were attacked' },
  'earlier-carriers/3': { article: 3, at: 1121, says: 'the campaign earlier affected the three other big carriers, reported in October' },
  'cisco/0': { article: 0, at: 1479, says: 'the attackers used weaknesses of Cisco routers' },
  'cisco/3': { article: 3, at: 1336, says: 'the hackers exploited flaws such as Cisco router ones' },
  'ai-ml/0': { article: 0, at: 1596, says: 'AI and machine learning are said to have helped the hackers' },
  'ai-ml/3': { article: 3, at: 1439, says: 'investigators suspect AI or machine learning helped the group' },
  'officials-lines/0': { article: 0, at: 1736, says: 'the hackers got into phone lines of senior security officials and politicians' },
  'officials-lines/3': { article: 3, at: 1768, says: 'the attackers reached phone lines of senior security officials and politicians' },
  'logs-texts-audio/0': { article: 0, at: 1927, says: 'they could take call logs, plain texts and audio' },
  'logs-texts-audio/3': { article: 3, at: 1913, says: 'the access let them collect call logs, plain texts and audio' },
  'fbi-cisa/1': { article: 1, at: 1092, says: 'FBI and CISA confirmed China-linked hackers intercepted law-enforcement surveillance data' },
  'fbi-cisa/2': { article: 2, at: 1496, says: 'CISA and FBI jointly warned of a China-backed espionage campaign against telcos' },
  'fbi-cisa/3': { article: 3, at: 2176, says: 'FBI and CISA jointly confirmed Chinese state-linked hackers got into several telcos' },
  'beijing-denies/1': { article: 1, at: 2163, says: 'the Chinese government has always denied using hackers against foreign systems' },
  'beijing-denies/3': { article: 3, at: 3192, says: 'Beijing has denied using hackers against foreign systems' },
  'confirmed-compromised/4': { article: 4, at: 265, says: 'the carrier confirmed Chinese state hackers compromised it' },
  'exposed-data/4': { article: 4, at: 376, says: 'the breach is believed to have exposed customer data and phone records' },
  'no-access/2': { article: 2, at: 59, says: 'the carrier confirmed the hackers had no access to customers’ calls, texts, voicemail' },
  'remained-secure/2': { article: 2, at: 706, says: 'the carrier stressed its systems stayed secure' },
  'metadata-untouched/2': { article: 2, at: 989, says: 'call and text metadata stayed untouched' },
  'not-identified/2': { article: 2, at: 587, says: 'the group responsible was not firmly identified as Salt Typhoon' },
  'attributed-salt/3': { article: 3, at: 2982, says: 'investigators attribute the breach to the Salt Typhoon group' },
  // Added in a second reading, for the attribution denied: every other sentence that puts the hacking on China, and
  // Beijing's second denial. They tell no same-claim pair of their own.
  'beijing-denies/1-persists': { article: 1, at: 2050, says: 'as the reports multiply, Beijing keeps denying any part in cyber espionage' },
  'china-headline/1': { article: 1, at: 480, says: 'headline: Chinese hackers target the carrier in the latest attack' },
  'china-linked-headline/1': { article: 1, at: 1040, says: 'headline: hackers tied to China exploit telecom networks' },
  'alleged-wave/1': { article: 1, at: 1370, says: 'one more of a wave of alleged Chinese cyberattacks' },
  'china-strategy/2': {
    article: 2,
    at: 1650,
    says: 'authorities tie the activity to China readying disruptive attacks for a future conflict',
  },
  'china-headline/3': { article: 3, at: 10, says: 'headline: the carrier hacked in a huge Chinese breach of U.S. telecom networks' },
  'salt-roster/3': { article: 3, at: 850, says: 'the breach adds the carrier to the victims of a Chinese campaign called Salt Typhoon' },
  'china-headline/4': { article: 4, at: 10, says: 'headline: the carrier’s hack tied to Chinese state hackers' },
  'china-headline/4-repeat': { article: 4, at: 66, says: 'the same headline, repeated' },
  'larger-campaign/4': { article: 4, at: 790, says: 'the breach is believed part of a wider Chinese state campaign against U.S. telecoms' },
  'ongoing-threat/4': {
    article: 4,
    at: 1850,
    says: 'the incident shows the continuing threat of Chinese state hackers, tied to many breaches',
  },
  'china-advantage/4': {
    article: 4,
    at: 2010,
    says: 'the attacks are believed part of a Chinese push for economic and strategic advantage',
  },
  'conclusion-threat/4': { article: 4, at: 2930, says: 'in conclusion: the threat of Chinese state hackers to American businesses' },
};

/** Beijing's denials that it uses hackers against foreign systems. */
const BEIJING_DENIALS = ['beijing-denies/1', 'beijing-denies/1-persists', 'beijing-denies/3'];
/** Every sentence that puts the hacking on China or on hackers tied to it. */
const PUT_ON_CHINA = [
  'intel-hackers/0',
  'intel-hackers/0-interview',
  'victim/1',
  'intel-hackers/1',
  'china-headline/1',
  'china-linked-headline/1',
  'fbi-cisa/1',
  'alleged-wave/1',
  'fbi-cisa/2',
  'china-strategy/2',
  'china-headline/3',
  'victim/3',
  'intel-hackers/3',
  'salt-roster/3',
  'fbi-cisa/3',
  'china-headline/4',
  'china-headline/4-repeat',
  'confirmed-compromised/4',
  'larger-campaign/4',
  'ongoing-threat/4',
  'china-advantage/4',
  'conclusion-threat/4',
];

/** Claims of different articles telling the same event or statement. */
export const SAME_PAIRS: [string, string][] = [
  ['victim/0', 'victim/1'],
  ['victim/0', 'victim/3'],
  ['victim/1', 'victim/3'],
  ['intel-hackers/0', 'intel-hackers/1'],
  ['intel-hackers/0', 'intel-hackers/3'],
  ['intel-hackers/1', 'intel-hackers/3'],
  ['intel-hackers/0-interview', 'intel-hackers/1'],
  ['intel-hackers/0-interview', 'intel-hackers/3'],
  ['records-unknown/0', 'records-unknown/1'],
  ['records-unknown/0', 'records-unknown/3'],
  ['records-unknown/1', 'records-unknown/3'],
  ['monitoring/0', 'monitoring/1'],
  ['monitoring/0', 'monitoring/3'],
  ['monitoring/1', 'monitoring/3'],
  ['monitoring/0-interview', 'monitoring/1'],
  ['monitoring/0-interview', 'monitoring/3'],
  ['not-impacted/0', 'not-impacted/1'],
  ['not-impacted/0', 'not-impacted/3'],
  ['not-impacted/1', 'not-impacted/3'],
  ['not-impacted/0-interview', 'not-impacted/1'],
  ['not-impacted/0-interview', 'not-impacted/3'],
  ['not-impacted/1', 'remained-secure/2'],
  ['not-impacted/3', 'remained-secure/2'],
  ['with-authorities/0', 'with-authorities/4'],
  ['historic/0', 'historic/3'],
  ['salt-typhoon/0', 'salt-typhoon/3'],
  ['salt-typhoon/0', 'attributed-salt/3'],
  ['earlier-carriers/0', 'earlier-carriers/1'],
  ['earlier-carriers/0', 'earlier-carriers/3'],
  ['earlier-carriers/1', 'earlier-carriers/3'],
  ['cisco/0', 'cisco/3'],
  ['ai-ml/0', 'ai-ml/3'],
  ['officials-lines/0', 'officials-lines/3'],
  ['logs-texts-audio/0', 'logs-texts-audio/3'],
  ['fbi-cisa/1', 'fbi-cisa/2'],
  ['fbi-cisa/1', 'fbi-cisa/3'],
  ['fbi-cisa/2', 'fbi-cisa/3'],
  ['beijing-denies/1', 'beijing-denies/3'],
];

/** The clearest contradictions, to be found: a compromise confirmed against denied, customer data exposed against untouched, an attribution denied. */
export const CONTRADICTION_PAIRS: [string, string][] = [
  ['confirmed-compromised/4', 'not-impacted/1'],
  ['exposed-data/4', 'no-access/2'],
  ['victim/3', 'remained-secure/2'],
  ['beijing-denies/3', 'fbi-cisa/1'],
];

/** Further pairs that also contradict (the same statements as told by other outlets): right when listed, not required. */
export const ALSO_CONTRADICTING: [string, string][] = [
  ['confirmed-compromised/4', 'not-impacted/0'],
  ['confirmed-compromised/4', 'not-impacted/3'],
  ['confirmed-compromised/4', 'not-impacted/0-interview'],
  ['confirmed-compromised/4', 'remained-secure/2'],
  ['confirmed-compromised/4', 'no-access/2'],
  ['exposed-data/4', 'metadata-untouched/2'],
  ['exposed-data/4', 'not-impacted/0'],
  ['exposed-data/4', 'not-impacted/1'],
  ['exposed-data/4', 'not-impacted/3'],
  ['exposed-data/4', 'remained-secure/2'],
  ['victim/3', 'no-access/2'],
  ['victim/1', 'remained-secure/2'],
  ['victim/0', 'remained-secure/2'],
  ['intel-hackers/0', 'remained-secure/2'],
  ['intel-hackers/1', 'remained-secure/2'],
  ['intel-hackers/3', 'remained-secure/2'],
  ['exposed-data/4', 'not-impacted/0-interview'],
  ['not-identified/2', 'attributed-salt/3'],
  // The headlines added in the second reading that say the carrier was hacked, against its systems said to stay secure
  // (as every other sentence saying so is above).
  ['china-headline/3', 'remained-secure/2'],
  ['china-headline/4', 'remained-secure/2'],
  ['china-headline/4-repeat', 'remained-secure/2'],
  // An attribution denied: each of Beijing's denials against every other outlet's sentence that puts the hacking on China.
  ...BEIJING_DENIALS.flatMap((denial) =>
    PUT_ON_CHINA.filter((other) => SAMPLE_CLAIMS[other].article !== SAMPLE_CLAIMS[denial].article).map((other): [string, string] => [
      denial,
      other,
    ]),
  ),
];

/** A claim as some lister holds it: its article and span (UTF-16). */
export interface ListedClaim {
  path: string;
  start: number;
  end: number;
}

export interface SampleFigures {
  sameFound: number;
  contradictionsFound: number;
  /** Distinct cross-article pairs listed as contradicting, and how many of them are hand-labelled contradictions. */
  contradictionsListed: number;
  contradictionsRight: number;
  /**
   * The same listed pairs counted once per pair of claim groups (a claim in no group is a group of its own): one
   * statement told by five outlets and contradicted by one claim counts once, as the Claims tree and the overview show
   * it. Right: every listed pair between the two groups is a hand-labelled contradiction.
   */
  groupPairsListed: number;
  groupPairsRight: number;
  /** The listed contradictions not on the hand lists, for a report. */
  wrong: [ListedClaim, ListedClaim][];
  missedSame: [string, string][];
  missedContradictions: [string, string][];
}

/**
 * The sample figures of any claim lister: `relation(x, y)` says how it shows the claims holding two hand
 * anchors ("same", "contradicts" or anything else); `contradictions` are all the pairs it lists as contradicting;
 * `groupOf` names the claim group a listed claim belongs to (by default each claim is a group of its own).
 */
export function sampleFigures(
  relation: (x: SampleClaim, y: SampleClaim) => string,
  contradictions: [ListedClaim, ListedClaim][],
  groupOf: (c: ListedClaim) => string = claimKey,
): SampleFigures {
  const missedSame = SAME_PAIRS.filter(([x, y]) => relation(SAMPLE_CLAIMS[x], SAMPLE_CLAIMS[y]) !== 'same');
  const missedContradictions = CONTRADICTION_PAIRS.filter(([x, y]) => relation(SAMPLE_CLAIMS[x], SAMPLE_CLAIMS[y]) !== 'contradicts');
  const holds = (c: ListedClaim, id: string): boolean => {
    const h = SAMPLE_CLAIMS[id];
    return c.path === SAMPLE_ARTICLES[h.article] && c.start <= h.at && h.at < c.end;
  };
  const labelled = [...CONTRADICTION_PAIRS, ...ALSO_CONTRADICTING];
  const seen = new Set<string>();
  const distinct = contradictions.filter(([p, q]) => {
    const key = [claimKey(p), claimKey(q)].sort().join(' ');
    if (seen.has(key) || p.path === q.path) return false;
    seen.add(key);
    return true;
  });
  const wrong = distinct.filter(([p, q]) => !labelled.some(([x, y]) => (holds(p, x) && holds(q, y)) || (holds(p, y) && holds(q, x))));
  /** Whether all pairs listed between two groups are right, by the groups' key. */
  const groupPairs = new Map<string, boolean>();
  for (const pair of distinct) {
    const key = pair.map(groupOf).sort().join(' ');
    groupPairs.set(key, (groupPairs.get(key) ?? true) && !wrong.includes(pair));
  }
  return {
    sameFound: SAME_PAIRS.length - missedSame.length,
    contradictionsFound: CONTRADICTION_PAIRS.length - missedContradictions.length,
    contradictionsListed: distinct.length,
    contradictionsRight: distinct.length - wrong.length,
    groupPairsListed: groupPairs.size,
    groupPairsRight: [...groupPairs.values()].filter(Boolean).length,
    wrong,
    missedSame,
    missedContradictions,
  };
}

function claimKey(c: ListedClaim): string {
  return `${c.path}@${c.start}`;
}

/** Sentences of a text as spans: a stop, "!" or "?" before a capital or a quote, or a line break, ends one. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const boundary = /[.!?][”"’]?(?=\s+[“"A-Z])|\n+/g;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + (m[0].startsWith('\n') ? 0 : m[0].length);
    if (text.slice(start, end).trim()) spans.push({ start, end });
    start = m.index + m[0].length;
    while (start < text.length && /\s/.test(text[start])) start++;
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  return spans;
}

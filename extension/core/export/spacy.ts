/**
 * spaCy annotations as JSON: an array of `[text, {"entities": [[start, end, label]], "spans": {…}}]`,
 * one pair per article — the dict `Example.from_dict(nlp.make_doc(text), annotations)` takes (and
 * what spaCy v2's `nlp.update` took as a list of tuples). It is not spaCy's v2 "training JSON"
 * (the paragraphs/sentences/tokens format): `spacy convert` does not read it. To train with spaCy
 * v3, build a `DocBin` from it (docs/export-formats.md has the ten lines of Python).
 *
 * Offset unit: Unicode code points (Python string indices) into the article text without BOM,
 * line ends as on disk, end exclusive. `entities` holds no overlaps (a spaCy Doc cannot): where
 * entities overlap, the one that starts first (then the longest) wins. Claims and their parts, which
 * overlap entities, go to span groups: `spans.claims` ([start, end, "Claim"]) and `spans.attribution`
 * ([start, end, "Source" | "Cue" | "Hedge"]); spaCy has no relations, so the link from a part to its
 * claim is its position inside the claim's span.
 *
 * spaCy keeps only spans that fall on its token boundaries (`Doc.char_span` gives None otherwise).
 * Its rule-based tokenizers never split inside a run of letters and digits ("4 天前I" has the token
 * "天前I"), so every span whose start or end falls inside one is reported; it is written all the
 * same, for `alignment_mode="expand"` or a custom tokenizer to place.
 */
import * as l10n from '@vscode/l10n';
import { flatEntities } from './conll';
import { claimParts, exportItems, type ExportDocument, type ExportOptions } from './types';
import { codePointMap } from './units';
import { collect, jsonItems, type FormatWriter } from './writer';

export type SpacySpan = [number, number, string];
export type SpacyExample = [string, { entities: SpacySpan[]; spans: { claims: SpacySpan[]; attribution: SpacySpan[] } }];

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

export function spacyWriter(options: ExportOptions): FormatWriter {
  const problems: string[] = [];
  return { stream: jsonItems('train.json', (doc) => [spacyExample(doc, options, problems)]), problems };
}

export function spacyExamples(docs: readonly ExportDocument[], options: ExportOptions): SpacyExample[] {
  return docs.map((doc) => spacyExample(doc, options, []));
}

export function exportSpacy(docs: readonly ExportDocument[], options: ExportOptions): string {
  return collect(spacyWriter(options), docs).files[0].content;
}

function spacyExample(doc: ExportDocument, options: ExportOptions, problems: string[]): SpacyExample {
  const cp = codePointMap(doc.text);
  const items = exportItems(doc, options);
  const span = (start: number, end: number, label: string): SpacySpan => {
    if (!onTokenBoundary(doc.text, start) || !onTokenBoundary(doc.text, end)) {
      const quote = JSON.stringify(doc.text.slice(start, end).slice(0, 60));
      problems.push(
        l10n.t(
          '{0}: {1} {2} at {3}–{4} does not fall on spaCy token boundaries (it starts or ends inside a word)',
          doc.path,
          label,
          quote,
          cp.out(start),
          cp.out(end),
        ),
      );
    }
    return [cp.out(start), cp.out(end), label];
  };
  const claims = items.filter((i) => i.kind === 'claim');
  return [
    doc.text,
    {
      entities: flatEntities(items).map((e) => span(e.start, e.end, e.label)),
      spans: {
        claims: claims.map((c) => span(c.start, c.end, 'Claim')),
        attribution: claims.flatMap((c) => claimParts(c.claim).map((p) => span(p.span.start, p.span.end, p.role))),
      },
    },
  ];
}

/** False where a spaCy-like tokenizer cannot put a token boundary: between two letters or digits. */
export function onTokenBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const before = String.fromCodePoint(text.codePointAt(at - 1 - (isLowSurrogate(text.charCodeAt(at - 1)) ? 1 : 0)) ?? 0);
  const after = String.fromCodePoint(text.codePointAt(at) ?? 0);
  return !(WORD_CHAR.test(before) && WORD_CHAR.test(after));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

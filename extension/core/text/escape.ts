/**
 * Escapes user text (quotes, notes, tags, file names) for a Markdown hover card, so it renders as
 * literal text: no links, no command URIs, no HTML, no emphasis.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_{}[\]()#+\-.!|<>~&:"']/g, (c) => `&#${c.charCodeAt(0)};`)
      // Every line break Markdown knows, a lone CR too: user text must never start a line (a heading, a code block, a list).
      .replace(/\r\n?|\n/g, ' ')
  );
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const QUOTE_MARKS = /["“”„«»]/g;
const HAS_QUOTE_MARK = /["“”„«»]/;

/**
 * Article text quoted in a hover card, escaped: “…”. The article's own quotation marks are not doubled:
 * marks around the whole text are the card's; marks inside it become single ones (‘…’), as in print.
 * Cut to `max` characters.
 */
export function quoteForCard(text: string, max = 160): string {
  let t = text.trim();
  const inner = t.slice(1, -1);
  if (t.length >= 2 && /^["“„«]/.test(t) && /["”»]$/.test(t) && !HAS_QUOTE_MARK.test(inner)) t = inner.trim();
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  t = t.replace(QUOTE_MARKS, (_mark, at: number) => (at === 0 || /[\s([{—–-]/.test(t[at - 1]) ? '‘' : '’'));
  return `“${escapeMarkdown(t)}”`;
}

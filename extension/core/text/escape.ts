/**
 * Escapes user text (quotes, notes, tags, file names) for a Markdown hover card, so it renders as
 * literal text: no links, no command URIs, no HTML, no emphasis.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:"']/g, (c) => `&#${c.charCodeAt(0)};`)
    // Every line break Markdown knows, a lone CR too: user text must never start a line (a heading, a code block, a list).
    .replace(/\r\n?|\n/g, ' ');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** VS Code hides a UTF-8 BOM from document text; files read from disk must do the same so offsets agree. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

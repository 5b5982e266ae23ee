/**
 * Rows of CSV or TSV text (RFC 4180 quoting: a field may be quoted, hold the delimiter, newlines and
 * doubled quotes). Lines may end in CRLF or LF.
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      atStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atStart = true;
    } else {
      field += c;
      atStart = false;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Rows "id<TAB>text…" of a TSV file: further columns join the text (as a title does), rows without an id
 * or text (a header such as "<TAB>text") are left out.
 */
export function idTextRows(text: string): { id: string; text: string }[] {
  return parseDelimited(text.replace(/^\uFEFF/, ''), '\t')
    .filter((r) => r.length >= 2 && r[0].trim() && r.slice(1).some((f) => f.trim()))
    .map((r) => ({ id: r[0].trim(), text: r.slice(1).join(' ').trim() }));
}

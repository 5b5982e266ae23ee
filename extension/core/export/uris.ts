/**
 * Absolute identifiers for exported articles and files. Formats that link to the article (W3C Web
 * Annotation targets, ClaimReview appearances) need an absolute URI: a relative reference fails
 * the W3C suite's `format: uri` checks and yields no `oa:hasSource` in RDF. The CLI and the editor
 * give each document its `file://` URI, or the base URI the user chose plus its workspace path;
 * without either (tests, scripts) a URN stands in, and importers read all three back to the path.
 */

/** Stands in for an article's URI when the caller gave none: `urn:source-annotator:article:` + the path. */
export const ARTICLE_URN = 'urn:source-annotator:article:';

/** The URI of an article at a workspace-relative path under a base URI ("https://example.org/corpus/"). */
export function articleUriUnder(base: string, path: string): string {
  return new URL(path.split('/').map(encodeURIComponent).join('/'), base.endsWith('/') ? base : base + '/').href;
}

/** The URN used when there is neither a file URI nor a base URI. */
export function articleUrn(path: string): string {
  return ARTICLE_URN + path.split('/').map(encodeURIComponent).join('/');
}

/**
 * How an exported file names an article, as a path to match against the workspace: the path of a
 * URN, the decoded path of a `file:`/`http(s):` URI (matched by its ending), or a relative
 * reference (files written before identifiers were absolute) as it is.
 */
export function articleNameFromUri(source: string): string {
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (source.startsWith(ARTICLE_URN)) return decode(source.slice(ARTICLE_URN.length));
  if (/^(?:file|https?):/i.test(source)) {
    try {
      return decode(new URL(source).pathname);
    } catch {
      return decode(source);
    }
  }
  return decode(source);
}

/** Whether a string is an absolute URI (has a scheme), as RFC 3986 defines one. */
export function isAbsoluteUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

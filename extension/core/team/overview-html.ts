/**
 * The HTML shell of the Corpus Overview webview. Nothing user-written goes into it (the data comes
 * by message and is set with textContent), so the only inputs are the resource URIs and a nonce.
 * The CSP allows styles and images only from the extension's own resources and scripts only with
 * the nonce: no inline handlers, no inline styles, no remote anything.
 */
import * as l10n from '@vscode/l10n';
import { escapeHtml } from '../text/escape';

export interface OverviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random value per page load (letters and digits). */
  nonce: string;
  /** `webview.asWebviewUri` of dist/overview.js and media/overview/overview.css (or its copy in dist/). */
  scriptUri: string;
  styleUri: string;
  /** The page title, localized by the caller. */
  title?: string;
  /** The display language (`vscode.env.language`), for the page's lang attribute. */
  lang?: string;
}

export function overviewCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

export function overviewHtml({
  cspSource,
  nonce,
  scriptUri,
  styleUri,
  title = l10n.t('Corpus Overview'),
  lang = 'en',
}: OverviewHtmlInput): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('the nonce must be at least 16 letters or digits');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(overviewCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="overview" aria-busy="true"><p class="placeholder">${escapeHtml(l10n.t('Loading…'))}</p></main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

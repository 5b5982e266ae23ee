import * as l10n from '@vscode/l10n';

/**
 * Why an article should not be analysed for suggestions, or null. Its tags are still shown and kept:
 * only the detector stays off, politely, with this reason for the user.
 */
export function analysisRefusal(text: string, maxMB: number): string | null {
  if (text.length > maxMB * 1024 * 1024) {
    return l10n.t('it is larger than {0} MB (setting sourceAnnotator.maxAnalysisSizeMB); its tags are shown, suggestions are off', maxMB);
  }
  if (text.includes('\u0000')) return l10n.t('it looks like a binary file; its tags are shown, suggestions are off');
  // Bytes that are not UTF-8 reach the editor as U+FFFD replacement characters.
  let replaced = 0;
  for (let at = text.indexOf('\ufffd'); at >= 0; at = text.indexOf('\ufffd', at + 1)) replaced++;
  if (replaced > 0 && (replaced >= 20 || replaced * 200 > text.length)) {
    return l10n.t(
      'it does not look like UTF-8 text ({0} undecodable characters); reopen it with the right encoding. Its tags are shown, suggestions are off',
      replaced,
    );
  }
  return null;
}

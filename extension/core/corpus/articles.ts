import picomatch from 'picomatch/posix';

/** What an article is unless the setting sourceAnnotator.articles says otherwise. */
export const DEFAULT_ARTICLE_GLOB = '**/*.{txt,md,markdown}';
/**
 * Never articles, whatever the glob: dependencies, git's files, the extension's own folder (the knowledge
 * base, the model's corrections, and where exports are written by default).
 */
const NEVER_ARTICLES = ['**/node_modules/**', '**/.git/**', '**/.source-annotator/**'];
/** The same as one glob, for VS Code's file search. */
export const NEVER_ARTICLES_GLOB = `{${NEVER_ARTICLES.join(',')}}`;
/** The folder, relative to the workspace, where exports are offered by default: outside the article set. */
export const EXPORTS_FOLDER = '.source-annotator/exports';

const SIDECAR = /\.tags\.json(\.v\d+\.bak)?$/;

/**
 * Decides whether a file is an article, from its workspace-relative path (forward slashes): it matches
 * the article glob, is not a sidecar and is not in a folder that never holds articles. One decision for
 * the editor, the corpus index and the exports, so a CSV export or a log never gets highlights.
 */
export function articleMatcher(glob: string = DEFAULT_ARTICLE_GLOB): (path: string) => boolean {
  const options = { dot: true, nocase: true };
  const included = picomatch(glob.trim() || DEFAULT_ARTICLE_GLOB, options);
  const excluded = picomatch(NEVER_ARTICLES, options);
  return (path) => {
    const relative = path.replace(/\\/g, '/').replace(/^\/+/, '');
    return !SIDECAR.test(relative) && included(relative) && !excluded(relative);
  };
}

import * as vscode from 'vscode';
import { articleMatcher, DEFAULT_ARTICLE_GLOB, NEVER_ARTICLES_GLOB } from '../core/corpus/articles';

export const SECTION = 'sourceAnnotator';

export interface Settings {
  author: string;
  verdicts: string[];
  showSuggestions: boolean;
  minClaimScore: number;
  showAllClaims: boolean;
  maxAnalysisSizeMB: number;
  /** Seconds one analysis (one part of an article) may take before the detector stops and shows what it found so far. */
  analysisTimeLimitSeconds: number;
  rejectionScope: 'workspace' | 'article';
  learnFromTags: boolean;
  quietRelativeDates: boolean;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    author: c.get<string>('author', '').trim(),
    verdicts: c
      .get<string[]>('verdicts', ['supported', 'disputed', 'false', 'unverified'])
      .filter((v) => typeof v === 'string' && v.trim()),
    showSuggestions: c.get<boolean>('showSuggestions', true),
    minClaimScore: c.get<number>('minClaimScore', 0),
    showAllClaims: c.get<boolean>('showAllClaims', false),
    maxAnalysisSizeMB: c.get<number>('maxAnalysisSizeMB', 5),
    analysisTimeLimitSeconds: Math.max(0, c.get<number>('analysisTimeLimitSeconds', 1.5)),
    rejectionScope: c.get<string>('rejectionScope', 'article') === 'workspace' ? 'workspace' : 'article',
    learnFromTags: c.get<boolean>('learnFromTags', false),
    quietRelativeDates: c.get<boolean>('quietRelativeDates', false),
  };
}

/** The glob of the setting sourceAnnotator.articles: which files are articles. */
export function articleGlob(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('articles', DEFAULT_ARTICLE_GLOB).trim() || DEFAULT_ARTICLE_GLOB;
}

let matcher: { glob: string; matches: (path: string) => boolean } | undefined;

/** Whether a file is an article: the core's decision on its workspace-relative path and the setting's glob. */
export function isArticleUri(uri: vscode.Uri): boolean {
  const glob = articleGlob();
  if (matcher?.glob !== glob) matcher = { glob, matches: articleMatcher(glob) };
  return matcher.matches(vscode.workspace.asRelativePath(uri, false));
}

/** The articles under a folder of the workspace, as findArticles would find them. */
export async function findArticlesIn(folder: vscode.Uri): Promise<vscode.Uri[]> {
  return (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), NEVER_ARTICLES_GLOB)).filter(isArticleUri);
}

/** Every article in the workspace, by the setting's glob, never in node_modules, .git or .source-annotator. */
export async function findArticles(): Promise<vscode.Uri[]> {
  return (await vscode.workspace.findFiles(articleGlob(), NEVER_ARTICLES_GLOB)).filter(isArticleUri);
}

import * as vscode from 'vscode';

export const SECTION = 'sourceAnnotator';

export interface Settings {
  author: string;
  verdicts: string[];
  showSuggestions: boolean;
  minClaimScore: number;
  maxAnalysisSizeMB: number;
  rejectionScope: 'workspace' | 'article';
  learnFromTags: boolean;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    author: c.get<string>('author', '').trim(),
    verdicts: c.get<string[]>('verdicts', ['supported', 'disputed', 'false', 'unverified']).filter((v) => typeof v === 'string' && v.trim()),
    showSuggestions: c.get<boolean>('showSuggestions', true),
    minClaimScore: c.get<number>('minClaimScore', 0),
    maxAnalysisSizeMB: c.get<number>('maxAnalysisSizeMB', 5),
    rejectionScope: c.get<string>('rejectionScope', 'workspace') === 'article' ? 'article' : 'workspace',
    learnFromTags: c.get<boolean>('learnFromTags', false),
  };
}

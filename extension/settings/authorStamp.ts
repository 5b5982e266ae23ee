import * as vscode from 'vscode';
import type { Stamp } from '../core/sidecar/model';
import { defaultAuthor } from '../env/node';
import { readSettings } from './config';

/** The default author (git or login name), asked once per window: it does not change while VS Code runs. */
let defaultAuthorOnce: Promise<string> | undefined;

/** Who makes a change and when: the author setting, else the default author. */
export async function authorStamp(): Promise<Stamp> {
  const configured = readSettings().author;
  if (configured) return { author: configured, now: new Date().toISOString() };
  defaultAuthorOnce ??= defaultAuthor(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  return { author: await defaultAuthorOnce, now: new Date().toISOString() };
}

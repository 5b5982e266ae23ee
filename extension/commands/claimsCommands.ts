import * as vscode from 'vscode';
import { SECTION } from '../settings/config';

const SETTING = 'showAllClaims';

/** The command that switches between all claims and only the attributed and check-worthy ones (the setting showAllClaims). */
export function registerClaimsToggle(): vscode.Disposable {
  return vscode.commands.registerCommand('sourceAnnotator.toggleAllClaims', async (): Promise<boolean> => {
    const config = vscode.workspace.getConfiguration(SECTION);
    const next = !config.get<boolean>(SETTING, false);
    // Where the setting is set for the workspace, change it there, or the user-level change would not show.
    const target =
      config.inspect<boolean>(SETTING)?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    await config.update(SETTING, next, target);
    vscode.window.setStatusBarMessage(
      next
        ? vscode.l10n.t('Source Annotator: all claims shown')
        : vscode.l10n.t('Source Annotator: only attributed and check-worthy claims shown'),
      4000,
    );
    return next;
  });
}

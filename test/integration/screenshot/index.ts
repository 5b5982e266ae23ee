// extensionTestsPath entry for scripts/screenshot.mjs: opens a demo article in the real editor, tags a
// little of it so that every look is in the picture (confirmed, suggested, a claim with a verdict), then,
// for each theme and view asked for, prints the marker on which the runner photographs the window:
// `source-annotator: screenshot NAME.png`.
// Env: SCREENSHOT_THEMES (comma list of light, dark, hc, hc-light; default dark),
//      SCREENSHOT_VIEWS (comma list of editor, hover, entity, reject, claims, overview; default editor,overview),
//      SCREENSHOT_ARTICLE (glob of the article), SCREENSHOT_HOVER (words to hover), SCREENSHOT_FOCUS (overview selector to bring into view).
import * as vscode from 'vscode';
import type { TestApi } from '../../../extension/testApi';

const THEMES: Record<string, string> = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  hc: 'Default High Contrast',
  'hc-light': 'Default High Contrast Light',
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const api = await vscode.extensions.getExtension<TestApi>('source-annotator.source-annotator')!.activate();
  const themes = (process.env.SCREENSHOT_THEMES || 'dark').split(',');
  const views = (process.env.SCREENSHOT_VIEWS || 'editor,overview').split(',');
  const articles = await vscode.workspace.findFiles(process.env.SCREENSHOT_ARTICLE ?? '**/01-*.txt');
  const document = await vscode.workspace.openTextDocument(articles[0]);
  let editor = await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await api.idle();
  const cursorAt = (needle: string, offset = 1): boolean => {
    const at = document.getText().indexOf(needle);
    if (at < 0) return false;
    editor.selection = new vscode.Selection(document.positionAt(at + offset), document.positionAt(at + offset));
    return true;
  };
  // Confirm a few suggestions so both looks (confirmed and suggested) are in the picture, and judge a claim.
  for (const needle of ['Kelby Water Board', 'March 4', 'Helen Park', 'Lisbon']) {
    if (cursorAt(needle)) await vscode.commands.executeCommand('sourceAnnotator.confirmSuggestion');
  }
  if (cursorAt('denied any involvement')) await vscode.commands.executeCommand('sourceAnnotator.setVerdict', 'disputed');
  await api.idle();

  for (const theme of themes) {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', THEMES[theme] ?? theme, vscode.ConfigurationTarget.Global);
    for (const view of views) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (view === 'overview') {
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await vscode.commands.executeCommand('sourceAnnotator.openOverview');
        await api.idle();
        await pause(2500);
        // SCREENSHOT_FOCUS: a selector in the page to bring into view first (the runner focuses it with a harmless key).
        if (process.env.SCREENSHOT_FOCUS) {
          console.log(`source-annotator: press Shift ${process.env.SCREENSHOT_FOCUS}`);
          await pause(2000);
        }
      } else {
        editor = await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.view.extension.sourceAnnotator');
        // The article's claims unfolded in the Claims view: their labels must fit the sidebar.
        await vscode.commands.executeCommand('sourceAnnotator.revealArticleInClaims');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        await api.idle();
        if (view === 'claims') {
          // The Claims view by group: each article's claim with its stance.
          await vscode.commands.executeCommand('sourceAnnotator.claims.focus');
          await vscode.commands.executeCommand('sourceAnnotator.showClaimsByGroup');
        } else if (view === 'hover') {
          cursorAt(process.env.SCREENSHOT_HOVER ?? 'confirmed on March 4', 2);
          await vscode.commands.executeCommand('editor.action.showHover');
        } else if (view === 'entity') {
          // An entity inside a claim: one card, the claim in one line.
          cursorAt('Helen Park', 2);
          await vscode.commands.executeCommand('editor.action.showHover');
        } else if (view === 'reject') {
          // A rejection that takes the name's other suggestions along says so, with Undo (undone after the picture).
          cursorAt('Ostrava Chemicals');
          await vscode.commands.executeCommand('sourceAnnotator.rejectSuggestion');
        } else {
          cursorAt('Kelby Water Board', 0);
        }
        await pause(1500);
      }
      console.log(`screenshot: ${view} in ${theme}, status "${api.statusText()}"`);
      console.log(`source-annotator: screenshot ${view}-${theme}.png`);
      await pause(2500);
      if (view === 'reject') await api.lastRejectionNotice()?.undo();
    }
  }
}

// extensionTestsPath entry for scripts/screenshot.mjs: opens a sample article in the real editor,
// waits until its highlights are painted (or opens the Corpus Overview, or the Claims view by group),
// then prints the marker on which the runner photographs the window. SCREENSHOT_ARTICLE (a glob) picks
// the article, SCREENSHOT_HOVER the words whose hover is shown, SCREENSHOT_FOCUS what part of the overview is in view.
import * as vscode from 'vscode';
import type { TestApi } from '../../../extension/testApi';

export async function run(): Promise<void> {
  const api = await vscode.extensions.getExtension<TestApi>('source-annotator.source-annotator')!.activate();
  const articles = await vscode.workspace.findFiles(process.env.SCREENSHOT_ARTICLE ?? '**/01-*.txt');
  const document = await vscode.workspace.openTextDocument(articles[0]);
  const editor = await vscode.window.showTextDocument(document);
  await vscode.workspace.getConfiguration('editor').update('wordWrap', 'on', vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await api.idle();
  // Confirm a few suggestions so both looks (confirmed and suggested) are in the picture.
  for (const needle of ['Kelby Water Board', 'March 4', 'Helen Park']) {
    const at = document.getText().indexOf(needle);
    if (at < 0) continue;
    editor.selection = new vscode.Selection(document.positionAt(at + 1), document.positionAt(at + 1));
    await vscode.commands.executeCommand('sourceAnnotator.confirmSuggestion');
  }
  if (process.env.SCREENSHOT_VIEW === 'claims') {
    await api.idle();
    await vscode.commands.executeCommand('sourceAnnotator.claims.focus');
    await vscode.commands.executeCommand('sourceAnnotator.showClaimsByGroup');
    await api.idle();
    await new Promise((r) => setTimeout(r, 2500));
    console.log('screenshot: the Claims view by group');
    console.log('source-annotator: screenshot now');
    await new Promise((r) => setTimeout(r, 3000));
    return;
  }
  if (process.env.SCREENSHOT_VIEW === 'overview') {
    await api.idle();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('sourceAnnotator.openOverview');
    await api.idle();
    await new Promise((r) => setTimeout(r, 2500));
    // SCREENSHOT_FOCUS: a selector in the page to bring into view first (the runner focuses it with a harmless key).
    if (process.env.SCREENSHOT_FOCUS) {
      console.log(`source-annotator: press Shift ${process.env.SCREENSHOT_FOCUS}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    console.log(`screenshot: the Corpus Overview of ${api.overviewData()?.articles.length ?? 0} articles`);
    console.log('source-annotator: screenshot now');
    await new Promise((r) => setTimeout(r, 3000));
    return;
  }
  const hoverAt = document.getText().indexOf(process.env.SCREENSHOT_HOVER ?? 'confirmed on March 4');
  if (hoverAt >= 0) editor.selection = new vscode.Selection(document.positionAt(hoverAt + 2), document.positionAt(hoverAt + 2));
  await vscode.commands.executeCommand('editor.action.showHover');
  await new Promise((r) => setTimeout(r, 1500));
  console.log(`screenshot: ${articles[0].path} with status "${api.statusText()}"`);
  console.log('source-annotator: screenshot now');
  await new Promise((r) => setTimeout(r, 3000));
}

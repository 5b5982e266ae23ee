// extensionTestsPath entry for scripts/screenshot.mjs: opens a demo article in the real editor, tags a
// little of it so that every look is in the picture (confirmed, suggested, a claim with a verdict), then,
// for each theme and view asked for, prints the marker on which the runner photographs the window:
// `source-annotator: screenshot NAME.png`.
// Env: SCREENSHOT_THEMES (comma list of light, dark, hc, hc-light; default dark),
//      SCREENSHOT_VIEWS (comma list of editor, hover, entity, reject, claims, overview; default editor,overview),
//      SCREENSHOT_ARTICLE (glob of the article), SCREENSHOT_HOVER (words to hover, or "auto": the claim of any article
//      that most others may contradict, else tell), SCREENSHOT_FOCUS (overview selector to bring into view),
//      SCREENSHOT_CLAIMS ("unfold": the Claims view alone in the sidebar, its contradicted groups unfolded).
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
  const hoverAuto = process.env.SCREENSHOT_HOVER === 'auto';
  const auto = hoverAuto ? await claimToHover(api) : undefined;
  const articles = auto ? [auto.uri] : await vscode.workspace.findFiles(process.env.SCREENSHOT_ARTICLE ?? '**/01-*.txt');
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
  const hoverAt = (): void => {
    if (!auto) return void cursorAt(process.env.SCREENSHOT_HOVER ?? 'confirmed on March 4', 2);
    editor.selection = new vscode.Selection(document.positionAt(auto.offset), document.positionAt(auto.offset));
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
      if (view === 'overview') await showOverview(api);
      else {
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
          if (process.env.SCREENSHOT_CLAIMS === 'unfold') await unfoldClaimGroups(api);
        } else if (view === 'hover') {
          hoverAt();
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

async function showOverview(api: TestApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('sourceAnnotator.openOverview');
  await api.idle();
  await pause(2500);
  // SCREENSHOT_FOCUS: a selector in the page to bring into view first (the runner focuses it with a harmless key).
  if (process.env.SCREENSHOT_FOCUS) {
    console.log(`source-annotator: press Shift ${process.env.SCREENSHOT_FOCUS}`);
    await pause(2000);
  }
}

/**
 * For a folder of any articles: the claim most others may contradict (else that most others tell), and a place in it
 * on none of its entities, so its hover is the claim's card.
 */
async function claimToHover(api: TestApi): Promise<{ uri: vscode.Uri; offset: number }> {
  const corpus = api.corpus();
  await corpus.whenReady();
  await api.idle();
  let best: { path: string; start: number; end: number; weight: number } | undefined;
  for (const path of corpus.index.documents()) {
    for (const claim of corpus.index.claimsOf(path)) {
      const lookup = corpus.index.claimLookup(path, claim.start, claim.end);
      const weight = lookup ? lookup.contradictions.length * 100 + lookup.matches.length : 0;
      if (!best || weight > best.weight) best = { path, start: claim.start, end: claim.end, weight };
    }
  }
  if (!best) throw new Error('screenshot: no claim in the folder');
  const { path, start, end } = best;
  const text = corpus.index.claimsOf(path).find((c) => c.start === start)?.text ?? '';
  let offset = start + 1;
  for (const word of text.matchAll(/\p{L}{3,}/gu)) {
    const at = start + word.index + 1;
    if (at < end && !corpus.index.mentionAt(path, at)) {
      offset = at;
      break;
    }
  }
  return { uri: corpus.uriOf(path) as vscode.Uri, offset };
}

/**
 * The Claims view given the sidebar's height, with the groups that may contradict unfolded (else the first): a tree
 * cannot be unfolded from here but through its keyboard commands, row by row from the top.
 */
async function unfoldClaimGroups(api: TestApi): Promise<void> {
  for (const view of ['entities', 'tags', 'orphans'])
    await vscode.commands.executeCommand(`sourceAnnotator.${view}.removeView`).then(undefined, () => undefined);
  // A wider sidebar, so that each claim's stance and article are in view: a narrower editor leaves it the width.
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
  await vscode.commands.executeCommand('sourceAnnotator.claims.focus');
  const groups = await api.corpus().whenClaimGroups();
  const contradicted = groups.filter((g) => g.claims.some((c) => c.stance === 'denies'));
  const unfold = new Set(contradicted.length ? contradicted.slice(0, 2) : groups.slice(0, 1));
  await vscode.commands.executeCommand('list.focusFirst');
  for (const group of groups) {
    if (unfold.has(group)) await vscode.commands.executeCommand('list.expand');
    for (let row = 0; row < (unfold.has(group) ? group.claims.length + 1 : 1); row++)
      await vscode.commands.executeCommand('list.focusDown');
  }
  await vscode.commands.executeCommand('list.focusFirst');
}

import * as vscode from 'vscode';
import { candidatePlaces, orphans, reattach, type Place } from '../core/anchor';
import { removeTag } from '../core/sidecar/model';
import { documentLength } from '../articles/longArticles';
import type { Tag } from '../core/sidecar/types';
import type { CorpusService } from '../corpusService/corpusService';
import type { ArticleState, ArticleStore } from '../articles/articleStore';
import { activeArticle } from '../articles/cursor';

export const ORPHAN_COMMANDS = {
  reattach: 'sourceAnnotator.reattachOrphan',
  discard: 'sourceAnnotator.discardOrphan',
} as const;

const describe = (tag: Tag): string =>
  vscode.l10n.t('{0} “{1}”', tag.label, tag.target.quote.length > 60 ? tag.target.quote.slice(0, 59) + '…' : tag.target.quote);
const SOURCE = 'Source Annotator';

/**
 * Lists tags whose words were deleted (orphans) and tags re-attached by a fuzzy match in the Problems
 * panel, and offers the two ways out of an orphan: re-attach it to a selection, or discard it.
 */
export function registerOrphans(store: ArticleStore, corpus: CorpusService): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('sourceAnnotator');
  /** Articles not open whose orphans are listed from the corpus index, to clear when they have none left. */
  let listedClosed = new Set<string>();

  const orphanDiagnostic = (tag: Tag, range: vscode.Range): vscode.Diagnostic => {
    const d = new vscode.Diagnostic(
      range,
      vscode.l10n.t(
        'Orphaned tag {0}: its words are no longer in the article, or read alike in more than one place. Run “Re-attach Orphaned Tag” to choose among the places that fit, or on a selection, or discard it.',
        describe(tag),
      ),
      vscode.DiagnosticSeverity.Warning,
    );
    d.source = SOURCE;
    d.code = tag.id;
    return d;
  };

  /**
   * The orphans of articles that are not open, from the corpus index: after a window reload the Problems
   * panel lists what the Orphaned Tags view and the overview show, not only what open editors hold.
   */
  const publishClosed = (): void => {
    const open = new Set(store.all().map((s) => s.document.uri.toString()));
    const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const { path, tag } of corpus.index.orphanedTags()) {
      const uri = corpus.uriOf(path);
      if (!uri || open.has(uri.toString())) continue;
      const at = corpus.index.positionIn(path, tag.target.start) ?? { line: 0, character: 0 };
      const position = new vscode.Position(at.line, at.character);
      const entry = byUri.get(uri.toString()) ?? { uri, list: [] };
      entry.list.push(orphanDiagnostic(tag, new vscode.Range(position, position)));
      byUri.set(uri.toString(), entry);
    }
    for (const key of listedClosed) if (!byUri.has(key) && !open.has(key)) diagnostics.delete(vscode.Uri.parse(key));
    for (const { uri, list } of byUri.values()) diagnostics.set(uri, list);
    listedClosed = new Set(byUri.keys());
  };

  const publish = (state: ArticleState): void => {
    const document = state.document;
    const clamp = (offset: number): vscode.Position => document.positionAt(Math.min(offset, documentLength(document)));
    const list: vscode.Diagnostic[] = [];
    for (const tag of state.sidecar?.tags ?? []) {
      if (tag.anchoring === 'orphaned') {
        const at = clamp(tag.target.start);
        list.push(orphanDiagnostic(tag, new vscode.Range(at, document.lineAt(at.line).range.end)));
      } else if (tag.anchoring === 'fuzzy') {
        const d = new vscode.Diagnostic(
          new vscode.Range(clamp(tag.target.start), clamp(tag.target.end)),
          vscode.l10n.t(
            'Tag {0} was re-attached by a fuzzy match after the text changed: check that it is on the right words.',
            describe(tag),
          ),
          vscode.DiagnosticSeverity.Information,
        );
        d.source = SOURCE;
        d.code = tag.id;
        list.push(d);
      }
    }
    diagnostics.set(document.uri, list);
  };

  const pickOrphan = async (state: ArticleState, id: string | undefined, placeHolder: string): Promise<Tag | undefined> => {
    const candidates = orphans(state.sidecar?.tags ?? []);
    if (id) return candidates.find((t) => t.id === id);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: this article has no orphaned tags.'));
      return undefined;
    }
    if (candidates.length === 1) return candidates[0];
    const picked = await vscode.window.showQuickPick(
      candidates.map((tag) => ({ label: describe(tag), description: [...tag.tags, tag.verdict ?? ''].filter(Boolean).join(' · '), tag })),
      { placeHolder },
    );
    return picked?.tag;
  };

  /** One of the places where an orphan fits, chosen by the researcher; undefined when none fits or none is chosen. */
  const pickPlace = async (doc: vscode.TextDocument, tag: Tag): Promise<Place | undefined> => {
    const text = doc.getText();
    const places = candidatePlaces(tag, text);
    if (places.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: select the words the orphaned tag belongs to first.'));
      return undefined;
    }
    const snippet = (p: Place): string =>
      (text.slice(Math.max(0, p.start - 30), p.start) + '[' + text.slice(p.start, p.end) + ']' + text.slice(p.end, p.end + 30)).replace(
        /\s+/g,
        ' ',
      );
    const picked = await vscode.window.showQuickPick(
      places.map((p) => ({ label: vscode.l10n.t('Line {0}', doc.positionAt(p.start).line + 1), description: snippet(p), place: p })),
      { placeHolder: vscode.l10n.t('Where does {0} belong? These places read like its words and their surroundings.', describe(tag)) },
    );
    return picked?.place;
  };

  return [
    diagnostics,
    store.onDidChangeArticle(publish),
    corpus.onDidChange(publishClosed),
    vscode.workspace.onDidCloseTextDocument((d) => {
      diagnostics.delete(d.uri);
      publishClosed();
    }),
    vscode.commands.registerCommand(ORPHAN_COMMANDS.reattach, async (id?: string) => {
      const active = await activeArticle(store);
      if (!active) return undefined;
      const { editor, state } = active;
      const doc = editor.document;
      let tag: Tag | undefined;
      let place: Place | undefined;
      if (editor.selection.isEmpty) {
        // Nothing selected: the places where the orphan's words fit are offered. Anchoring orphans a tag rather
        // than guess between places that read alike (a paragraph and its copy); choosing one is the one step left.
        tag = await pickOrphan(state, id, vscode.l10n.t('Which orphaned tag to re-attach?'));
        if (!tag) return undefined;
        place = await pickPlace(doc, tag);
      } else {
        tag = await pickOrphan(state, id, vscode.l10n.t('Which orphaned tag belongs to the selection?'));
        place = { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
      }
      if (!tag || !place) return undefined;
      const orphan = tag;
      const at = place;
      let attached: Tag | null = null;
      await store.update(state, (sidecar, text) => {
        attached = reattach(orphan, text, at.start, at.end);
        return attached ? { ...sidecar, tags: sidecar.tags.map((t) => (t.id === orphan.id ? attached! : t)) } : sidecar;
      });
      return attached ?? undefined;
    }),
    vscode.commands.registerCommand(ORPHAN_COMMANDS.discard, async (id?: string) => {
      const active = await activeArticle(store);
      if (!active) return undefined;
      const tag = await pickOrphan(active.state, id, vscode.l10n.t('Which orphaned tag to discard?'));
      if (!tag) return undefined;
      return (await store.update(active.state, (sidecar) => removeTag(sidecar, tag.id))) ? tag : undefined;
    }),
    vscode.languages.registerCodeActionsProvider([{ language: 'plaintext' }, { language: 'markdown' }], {
      provideCodeActions(_document, _range, context) {
        return context.diagnostics
          .filter((d) => d.source === SOURCE && d.severity === vscode.DiagnosticSeverity.Warning)
          .flatMap((d) => {
            // The diagnostic's code is the orphaned tag's id (set above).
            const tagId = String(typeof d.code === 'object' ? d.code.value : d.code);
            const reattachAction = new vscode.CodeAction(
              vscode.l10n.t('Re-attach this orphaned tag to the selection'),
              vscode.CodeActionKind.QuickFix,
            );
            reattachAction.command = { command: ORPHAN_COMMANDS.reattach, title: vscode.l10n.t('Re-attach'), arguments: [tagId] };
            reattachAction.diagnostics = [d];
            const discardAction = new vscode.CodeAction(vscode.l10n.t('Discard this orphaned tag'), vscode.CodeActionKind.QuickFix);
            discardAction.command = { command: ORPHAN_COMMANDS.discard, title: vscode.l10n.t('Discard'), arguments: [tagId] };
            discardAction.diagnostics = [d];
            return [reattachAction, discardAction];
          });
      },
    }),
  ];
}

import * as vscode from 'vscode';
import { readSettings } from '../settings/config';
import { ENTITY_TYPES, type EntityType } from '../core/detect/types';
import { splitFreeTags, withFreeTags } from '../core/sidecar/freeTags';
import { freeTagProblem, verdictProblem } from '../core/sidecar/limits';
import { addTag, claimParts, removeTag, updateTag, type NewTag } from '../core/sidecar/model';
import { nextSuggestion } from '../core/sidecar/navigate';
import { announceRejection } from './rejectionNotice';
import type { Mark } from '../core/present/overlay';
import { readSidecar } from '../core/sidecar/read';
import type { Tag, TagKind } from '../core/sidecar/types';
import type { ArticleStore } from '../articles/articleStore';
import { activeArticle, marksUnderCursor, type ActiveArticle } from '../articles/cursor';
import { authorStamp } from '../settings/authorStamp';

export const COMMANDS = {
  confirmSuggestion: 'sourceAnnotator.confirmSuggestion',
  rejectSuggestion: 'sourceAnnotator.rejectSuggestion',
  tagEntity: 'sourceAnnotator.tagEntity',
  tagClaim: 'sourceAnnotator.tagClaim',
  addTags: 'sourceAnnotator.addTags',
  setVerdict: 'sourceAnnotator.setVerdict',
  editNote: 'sourceAnnotator.editNote',
  removeTag: 'sourceAnnotator.removeTag',
  nextSuggestion: 'sourceAnnotator.nextSuggestion',
  previousSuggestion: 'sourceAnnotator.previousSuggestion',
  showArticleTags: 'sourceAnnotator.showArticleTags',
} as const;

/** Registers every command a researcher can run; each resolves to the tag it touched (handy for tests and keybinding chains). */
export function registerCommands(store: ArticleStore): vscode.Disposable[] {
  const target = async (): Promise<ActiveArticle | undefined> => {
    const active = await activeArticle(store);
    if (!active) void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: open a .txt or .md article first.'));
    return active;
  };

  /** Stores a tag for a suggestion (confirmed or rejected) and returns it. */
  const rule = async (
    t: ActiveArticle,
    mark: Extract<Mark, { state: 'suggested' }>,
    status: 'confirmed' | 'rejected',
  ): Promise<Tag | undefined> => create(t, ruling(mark, status));

  const create = async (t: ActiveArticle, input: NewTag): Promise<Tag | undefined> => {
    let created: Tag | undefined;
    const s = await authorStamp();
    const ok = await store.update(t.state, (sidecar, text) => {
      const result = addTag(sidecar, text, input, s);
      created = result.tag;
      return result.sidecar;
    });
    return ok ? created : undefined;
  };

  /** The claim under the cursor, confirming the suggested claim there if there is no tag yet (Tag as Claim without a selection). */
  const claimAtCursor = async (t: ActiveArticle): Promise<Tag | undefined> => {
    const mark = markAtCursor(t, 'claim');
    if (!mark) return undefined;
    return mark.state === 'confirmed' ? mark.tag : rule(t, mark, 'confirmed');
  };

  /** The tag or suggestion under the cursor, innermost first; nothing is written (the researcher has not chosen yet). */
  const markAtCursor = (t: ActiveArticle, kind?: TagKind): Mark | undefined => {
    const here = marksUnderCursor(store, t.state, t.offset).filter((m) => !kind || m.kind === kind);
    const mark = here.find((m) => m.state === 'confirmed') ?? here[0];
    if (!mark) {
      void vscode.window.showInformationMessage(
        kind === 'claim'
          ? vscode.l10n.t('Source Annotator: no claim or suggestion under the cursor.')
          : vscode.l10n.t('Source Annotator: no tag or suggestion under the cursor.'),
      );
    }
    return mark;
  };

  /**
   * Changes the tag under the cursor once the researcher has chosen what to change: a suggestion is
   * confirmed along with the change, in one write; a cancelled picker leaves it a suggestion.
   */
  const describe = async (t: ActiveArticle, mark: Mark, patch: Parameters<typeof updateTag>[2]): Promise<Tag | undefined> => {
    if (mark.state === 'confirmed') return change(t, mark.tag, patch);
    const s = await authorStamp();
    let id: string | undefined;
    const ok = await store.update(t.state, (sidecar, text) => {
      const added = addTag(sidecar, text, ruling(mark, 'confirmed'), s);
      id = added.tag.id;
      return updateTag(added.sidecar, added.tag.id, patch, s);
    });
    return ok ? t.state.sidecar?.tags.find((x) => x.id === id) : undefined;
  };

  const change = async (t: ActiveArticle, tag: Tag, patch: Parameters<typeof updateTag>[2]): Promise<Tag | undefined> => {
    const s = await authorStamp();
    const ok = await store.update(t.state, (sidecar) => updateTag(sidecar, tag.id, patch, s));
    return ok ? t.state.sidecar?.tags.find((x) => x.id === tag.id) : undefined;
  };

  const ruleSuggestion = (status: 'confirmed' | 'rejected') => async (): Promise<Tag | undefined> => {
    const t = await target();
    if (!t) return undefined;
    const suggestion = marksUnderCursor(store, t.state, t.offset).find((m) => m.state === 'suggested');
    if (suggestion?.state !== 'suggested') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: no suggestion under the cursor.'));
      return undefined;
    }
    // The other suggestions of the same name here, which a rejection removes along with this one.
    const name = textOf(t, suggestion);
    const sameName = (m: Mark): boolean => m.state === 'suggested' && m.kind === 'entity' && m !== suggestion && textOf(t, m) === name;
    const othersHere = status === 'rejected' && suggestion.kind === 'entity' ? store.marks(t.state).filter(sameName).length : 0;
    const tag = await rule(t, suggestion, status);
    if (tag && status === 'rejected') {
      void moveToSuggestion(store, t, 1);
      if (suggestion.kind === 'entity') {
        const undo = async (): Promise<boolean> => store.update(t.state, (sidecar) => removeTag(sidecar, tag.id));
        announceRejection(name, readSettings(t.state.document.uri).rejectionScope, othersHere, undo);
      }
    }
    return tag;
  };

  return [
    vscode.commands.registerCommand(COMMANDS.confirmSuggestion, ruleSuggestion('confirmed')),
    vscode.commands.registerCommand(COMMANDS.rejectSuggestion, ruleSuggestion('rejected')),

    vscode.commands.registerCommand(COMMANDS.tagEntity, async (type?: EntityType) => {
      const t = await target();
      if (!t) return undefined;
      const range = selectionOrWord(t.editor);
      if (!range) return void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: select the words to tag first.'));
      const label =
        type && (ENTITY_TYPES as readonly string[]).includes(type)
          ? type
          : ((await vscode.window.showQuickPick([...ENTITY_TYPES], {
              placeHolder: vscode.l10n.t('Entity type for “{0}”', t.editor.document.getText(range)),
            })) as EntityType | undefined);
      if (!label) return undefined;
      const doc = t.editor.document;
      return create(t, { kind: 'entity', label, status: 'confirmed', start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) });
    }),

    vscode.commands.registerCommand(COMMANDS.tagClaim, async () => {
      const t = await target();
      if (!t) return undefined;
      if (t.editor.selection.isEmpty) return claimAtCursor(t);
      const doc = t.editor.document;
      const { start, end } = t.editor.selection;
      return create(t, { kind: 'claim', label: 'Claim', status: 'confirmed', start: doc.offsetAt(start), end: doc.offsetAt(end) });
    }),

    vscode.commands.registerCommand(COMMANDS.addTags, async (given?: string[] | string) => {
      const t = await target();
      const mark = t && markAtCursor(t);
      if (!t || !mark) return undefined;
      const existing = mark.state === 'confirmed' ? mark.tag.tags : [];
      const added = given === undefined ? await pickFreeTags(store, existing) : given;
      if (!added) return undefined;
      const problem = splitFreeTags(added)
        .map(freeTagProblem)
        .find((p) => p !== null);
      if (problem) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Source Annotator: {0}; no tag was added.', problem));
        return undefined;
      }
      return describe(t, mark, { tags: withFreeTags(existing, added) });
    }),

    vscode.commands.registerCommand(COMMANDS.setVerdict, async (given?: string | null) => {
      const t = await target();
      const mark = t && markAtCursor(t, 'claim');
      if (!t || !mark) return undefined;
      let verdict = given;
      if (verdict === undefined) {
        const clear = vscode.l10n.t('$(close) No verdict');
        const picked = await vscode.window.showQuickPick([...readSettings(t.state.document.uri).verdicts, clear], {
          placeHolder: vscode.l10n.t('Verdict for “{0}…”', textOf(t, mark).slice(0, 60)),
        });
        if (picked === undefined) return undefined;
        verdict = picked === clear ? null : picked;
      }
      const problem = verdict ? verdictProblem(verdict) : null;
      if (problem) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Source Annotator: {0}; the verdict was not set.', problem));
        return undefined;
      }
      return describe(t, mark, { verdict: verdict || null });
    }),

    vscode.commands.registerCommand(COMMANDS.editNote, async (given?: string) => {
      const t = await target();
      const mark = t && markAtCursor(t);
      if (!t || !mark) return undefined;
      const current = mark.state === 'confirmed' ? (mark.tag.note ?? '') : '';
      const note =
        given ??
        (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Note on “{0}”', textOf(t, mark).slice(0, 60)), value: current }));
      if (note === undefined) return undefined;
      return describe(t, mark, { note: note.trim() === '' ? null : note });
    }),

    vscode.commands.registerCommand(COMMANDS.removeTag, async () => {
      const t = await target();
      if (!t) return undefined;
      const here = marksUnderCursor(store, t.state, t.offset).filter(
        (m): m is Extract<Mark, { state: 'confirmed' }> => m.state === 'confirmed',
      );
      let tag: Tag | undefined = here[0]?.tag;
      if (here.length > 1) {
        const picked = await vscode.window.showQuickPick(
          here.map((m) => ({ label: `${m.label}: ${m.tag.target.quote.slice(0, 60)}`, tag: m.tag })),
          { placeHolder: vscode.l10n.t('Which tag to remove?') },
        );
        tag = picked?.tag;
      }
      if (!tag) return void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: no tag under the cursor.'));
      const removed = tag;
      return (await store.update(t.state, (sidecar) => removeTag(sidecar, removed.id))) ? removed : undefined;
    }),

    vscode.commands.registerCommand(COMMANDS.nextSuggestion, async () => {
      const t = await target();
      return t && moveToSuggestion(store, t, 1);
    }),
    vscode.commands.registerCommand(COMMANDS.previousSuggestion, async () => {
      const t = await target();
      return t && moveToSuggestion(store, t, -1);
    }),

    vscode.commands.registerCommand(COMMANDS.showArticleTags, async () => {
      const t = await target();
      if (!t) return undefined;
      const doc = t.editor.document;
      const items = store.marks(t.state).map((m) => ({
        label: `${m.state === 'confirmed' ? '$(check)' : '$(lightbulb)'} ${m.label}`,
        description: doc.getText(new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end))).slice(0, 100),
        detail:
          m.state === 'confirmed'
            ? [...m.tag.tags, m.tag.verdict ?? ''].filter(Boolean).join(' · ') || undefined
            : vscode.l10n.t('suggestion'),
        mark: m,
      }));
      const picked = await vscode.window.showQuickPick(items, {
        placeHolder: vscode.l10n.t('{0} tags and suggestions in this article', items.length),
        matchOnDescription: true,
      });
      if (picked) reveal(t.editor, picked.mark.start, picked.mark.end);
      return picked?.mark;
    }),
  ];
}

/** The new tag that rules on a suggestion: its span, type and (for a claim) the detector's source, cue and hedges. */
function ruling(mark: Extract<Mark, { state: 'suggested' }>, status: 'confirmed' | 'rejected'): NewTag {
  const input: NewTag = { kind: mark.kind, label: mark.label, status, start: mark.start, end: mark.end };
  if (mark.kind === 'claim') input.claim = claimParts(mark.claim);
  return input;
}

function textOf(t: ActiveArticle, mark: Mark): string {
  const doc = t.editor.document;
  return doc.getText(new vscode.Range(doc.positionAt(mark.start), doc.positionAt(mark.end)));
}

function selectionOrWord(editor: vscode.TextEditor): vscode.Range | undefined {
  if (!editor.selection.isEmpty) return editor.selection;
  return editor.document.getWordRangeAtPosition(editor.selection.active);
}

function reveal(editor: vscode.TextEditor, start: number, end: number): void {
  const doc = editor.document;
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Selects the next (or previous) suggestion after the cursor, wrapping around the article. */
function moveToSuggestion(store: ArticleStore, t: ActiveArticle, direction: 1 | -1): Mark | undefined {
  const suggestions = store.marks(t.state).filter((m) => m.state === 'suggested');
  if (suggestions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: no suggestions left in this article.'));
    return undefined;
  }
  const doc = t.editor.document;
  const selection = { start: doc.offsetAt(t.editor.selection.start), end: doc.offsetAt(t.editor.selection.end) };
  const next = nextSuggestion(suggestions, selection, direction)!;
  reveal(t.editor, next.start, next.end);
  return next;
}

/** Free tags already used anywhere in the workspace, most used first: the completion list. */
async function workspaceTags(store: ArticleStore): Promise<string[]> {
  const counts = new Map<string, number>();
  const count = (tags: readonly Tag[]): void => tags.forEach((t) => t.tags.forEach((x) => counts.set(x, (counts.get(x) ?? 0) + 1)));
  const open = new Set(store.all().map((s) => s.sidecarUri.toString()));
  store.all().forEach((s) => count(s.sidecar?.tags ?? []));
  for (const uri of await vscode.workspace.findFiles('**/*.tags.json', '**/node_modules/**', 5000)) {
    if (open.has(uri.toString())) continue;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const read = readSidecar(new TextDecoder().decode(bytes), bytes.byteLength);
      if (read.ok) count(read.sidecar.tags);
    } catch {
      // An unreadable sidecar offers no completions; opening its article reports the problem.
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

/** A quick pick that completes from the workspace's tags and accepts new ones typed in. */
async function pickFreeTags(store: ArticleStore, existing: readonly string[]): Promise<string[] | undefined> {
  const known = await workspaceTags(store);
  const pick = vscode.window.createQuickPick();
  pick.canSelectMany = true;
  pick.placeholder = vscode.l10n.t('Type a tag and press Enter, or pick tags used elsewhere in the workspace');
  const base = known.filter((k) => !existing.includes(k)).map((label) => ({ label }));
  pick.items = base;
  pick.onDidChangeValue((value) => {
    // "threat-actor, apt" is two tags: the item says so, and each is added on its own.
    const typed = splitFreeTags(value).filter((x) => !existing.includes(x));
    const fresh = typed.filter((x) => !known.includes(x));
    const problem = typed.map(freeTagProblem).find((p) => p !== null);
    // A tag over the schema's limit is offered with why it cannot be added instead of as a new tag.
    const description =
      problem ?? (typed.length > 1 ? vscode.l10n.t('{0} tags: {1}', typed.length, typed.join(' · ')) : vscode.l10n.t('new tag'));
    pick.items = fresh.length > 0 ? [{ label: typed.join(', '), description }, ...base] : base;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems.map((i) => i.label);
      resolve(splitFreeTags(chosen.length > 0 ? chosen : pick.value));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

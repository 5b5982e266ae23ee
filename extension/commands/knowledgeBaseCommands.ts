import * as vscode from 'vscode';
import {
  addAlias,
  createEntity,
  entityById,
  linkMention,
  mergeEntities,
  relinkTags,
  searchEntities,
  tagsToRelink,
  type CanonicalEntity,
} from '../core/corpus/kb';
import { updateTag } from '../core/sidecar/model';
import type { Mark } from '../core/present/overlay';
import type { Tag } from '../core/sidecar/types';
import type { CorpusService } from '../corpusService/corpusService';
import type { ArticleStore } from '../articles/articleStore';
import { activeArticle, marksUnderCursor } from '../articles/cursor';
import { authorStamp } from '../settings/authorStamp';

export const KNOWLEDGE_COMMANDS = {
  linkEntity: 'sourceAnnotator.linkEntity',
  addAlias: 'sourceAnnotator.addAlias',
  mergeEntities: 'sourceAnnotator.mergeEntities',
  findAllMentions: 'sourceAnnotator.findAllMentions',
  goToClaimElsewhere: 'sourceAnnotator.goToClaimInOtherSources',
} as const;

/** Arguments that let tests and keybindings run the knowledge-base commands without pickers. */
export interface LinkArgs {
  /** Link to this existing entity… */
  entityId?: string;
  /** …or create a new one with this name (the mention's text when empty). */
  createName?: string;
}

/**
 * The knowledge base of canonical entities, and the corpus-wide navigation that builds on it: link a
 * mention to an entity (created on the spot if need be), add an alias, merge two entities, find every
 * mention of one, and go to the same claim in other sources.
 */
export function registerKnowledgeBaseCommands(store: ArticleStore, corpus: CorpusService): vscode.Disposable[] {
  /** The entity mark under the cursor (innermost), its text, and the article state. */
  const entityUnderCursor = async () => {
    const active = await activeArticle(store);
    if (!active) return undefined;
    const { editor, state, offset } = active;
    const mark = marksUnderCursor(store, state, offset).find((m) => m.kind === 'entity');
    if (!mark) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: put the cursor on an entity first.'));
      return undefined;
    }
    const text = editor.document.getText().slice(mark.start, mark.end);
    return { editor, state, mark, text };
  };

  /** The confirmed tag for a mark, confirming the suggestion first. */
  const confirmed = async (target: NonNullable<Awaited<ReturnType<typeof entityUnderCursor>>>): Promise<Tag | undefined> => {
    const { mark } = target;
    if (mark.state === 'confirmed') return mark.tag;
    return vscode.commands.executeCommand<Tag | undefined>('sourceAnnotator.confirmSuggestion');
  };

  return [
    vscode.commands.registerCommand(KNOWLEDGE_COMMANDS.linkEntity, async (args?: LinkArgs) => {
      const target = await entityUnderCursor();
      if (!target) return undefined;
      let entityId = args?.entityId;
      if (!entityId) {
        let createName = args?.createName;
        if (createName === undefined) {
          const picked = await pickEntity(corpus, vscode.l10n.t('Link “{0}” to a canonical entity', target.text), target.text, true);
          if (!picked) return undefined;
          if ('create' in picked) createName = picked.create;
          else entityId = picked.id;
        }
        if (!entityId) {
          const type = target.mark.label === 'Claim' ? 'Other' : target.mark.label;
          let created: CanonicalEntity | undefined;
          const ok = await corpus.updateKnowledgeBase((kb) => {
            const result = createEntity(kb, {
              name: createName || target.text,
              type,
              aliases: createName && createName !== target.text ? [target.text] : [],
            });
            created = result.entity;
            return result.kb;
          });
          if (!ok || !created) return undefined;
          entityId = created.id;
        }
      }
      const id = entityId;
      if (!(await corpus.updateKnowledgeBase((kb) => linkMention(kb, id, target.text)))) return undefined;
      const tag = await confirmed(target);
      if (!tag) return undefined;
      const s = await authorStamp();
      await store.update(target.state, (sidecar) => updateTag(sidecar, tag.id, { entityId: id }, s));
      return entityById(corpus.kb, id);
    }),

    vscode.commands.registerCommand(KNOWLEDGE_COMMANDS.addAlias, async (entityId?: string, alias?: string) => {
      const target = entityId ? undefined : await entityUnderCursor();
      const id =
        entityId ??
        (target?.mark.state === 'confirmed' ? target.mark.tag.entityId : null) ??
        (await pickEntity(corpus, vscode.l10n.t('Add an alias to which entity?'), target?.text ?? '', false).then((e) =>
          e && 'id' in e ? e.id : undefined,
        ));
      if (!id) return undefined;
      const entityName = entityById(corpus.kb, id)?.name;
      const prompt = entityName ? vscode.l10n.t('Another name for {0}', entityName) : vscode.l10n.t('Another name for this entity');
      const name = alias ?? (await vscode.window.showInputBox({ prompt, value: target?.text ?? '' }));
      if (!name?.trim()) return undefined;
      return (await corpus.updateKnowledgeBase((kb) => addAlias(kb, id, name.trim()))) ? entityById(corpus.kb, id) : undefined;
    }),

    vscode.commands.registerCommand(KNOWLEDGE_COMMANDS.mergeEntities, async (keepId?: string, mergedId?: string) => {
      const keep =
        keepId ??
        (await pickEntity(corpus, vscode.l10n.t('Keep which entity?'), '', false).then((e) => (e && 'id' in e ? e.id : undefined)));
      if (!keep) return undefined;
      const merged =
        mergedId ??
        (await pickEntity(corpus, vscode.l10n.t('Merge which entity into {0}?', entityById(corpus.kb, keep)?.name ?? keep), '', false).then(
          (e) => (e && 'id' in e ? e.id : undefined),
        ));
      if (!merged || merged === keep) return undefined;
      let rename: ReturnType<typeof mergeEntities>['rename'] | undefined;
      const ok = await corpus.updateKnowledgeBase((kb) => {
        const result = mergeEntities(kb, keep, merged);
        rename = result.rename;
        return result.kb;
      });
      if (!ok || !rename) return undefined;
      // Tags of open articles are relinked here; closed ones keep the old id, which the knowledge base still resolves as an alias.
      const s = await authorStamp();
      for (const state of store.all()) {
        if (state.sidecar && tagsToRelink(state.sidecar, rename).length > 0)
          await store.update(state, (sidecar) => relinkTags(sidecar, rename!, s));
      }
      return entityById(corpus.kb, keep);
    }),

    vscode.commands.registerCommand(KNOWLEDGE_COMMANDS.findAllMentions, async () => {
      const target = await entityUnderCursor();
      if (!target) return undefined;
      await corpus.whenReady();
      const key =
        (target.mark.state === 'confirmed' ? target.mark.tag.entityId : null) ??
        corpus.index.mentionAt(corpus.pathOf(target.editor.document.uri), target.mark.start)?.entityId ??
        target.text;
      const locations = await mentionLocations(corpus, corpus.index.allMentions(key));
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        target.editor.document.uri,
        target.editor.selection.active,
        locations,
      );
      return locations;
    }),

    vscode.commands.registerCommand(KNOWLEDGE_COMMANDS.goToClaimElsewhere, () => goToClaimElsewhere(store, corpus)),

    entityReferences(store, corpus),
  ];
}

async function mentionLocations(
  corpus: CorpusService,
  mentions: readonly { path: string; start: number; end: number }[],
): Promise<vscode.Location[]> {
  const locations: vscode.Location[] = [];
  for (const m of mentions) {
    const uri = corpus.uriOf(m.path);
    const from = corpus.index.positionIn(m.path, m.start);
    const to = corpus.index.positionIn(m.path, m.end);
    if (uri && from && to) locations.push(new vscode.Location(uri, new vscode.Range(from.line, from.character, to.line, to.character)));
  }
  return locations;
}

/** A quick pick over the knowledge base's entities, offering a new one when `allowCreate`. */
function pickEntity(
  corpus: CorpusService,
  placeHolder: string,
  initial: string,
  allowCreate: boolean,
): Promise<CanonicalEntity | { create: string } | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { entity?: CanonicalEntity; create?: string }>();
  pick.placeholder = placeHolder;
  pick.value = initial;
  pick.matchOnDescription = true;
  const refresh = (): void => {
    const hits = searchEntities(corpus.kb, pick.value, 30).map((h) => ({
      label: h.entity.name,
      description: `${h.entity.type}${h.entity.aliases.length ? ' · ' + h.entity.aliases.join(', ') : ''}${h.entity.externalId ? ' · ' + h.entity.externalId : ''}`,
      alwaysShow: true,
      entity: h.entity,
    }));
    const typed = pick.value.trim();
    pick.items =
      allowCreate && typed ? [...hits, { label: vscode.l10n.t('$(add) New entity “{0}”', typed), alwaysShow: true, create: typed }] : hits;
  };
  pick.onDidChangeValue(refresh);
  refresh();
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      resolve(item?.entity ?? (item?.create ? { create: item.create } : undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** The claim under the cursor (or the selection) told in other sources: a quick pick of matches and contradictions. */
async function goToClaimElsewhere(store: ArticleStore, corpus: CorpusService): Promise<unknown[] | undefined> {
  const active = await activeArticle(store);
  if (!active) return undefined;
  const { editor, state, offset } = active;
  const claim = marksUnderCursor(store, state, offset).find((m): m is Mark & { kind: 'claim' } => m.kind === 'claim');
  const [start, end] = claim
    ? [claim.start, claim.end]
    : [editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)];
  await corpus.whenReady();
  const lookup = corpus.index.claimLookup(corpus.pathOf(editor.document.uri), start, end, { limit: 20 });
  const items = [
    ...(lookup?.matches ?? []).map((m) => ({
      label: `$(check) ${m.path}`,
      description: vscode.l10n.t('{0}% · {1}', Math.round(m.score * 100), m.source ?? vscode.l10n.t('author')),
      detail: `${m.text} — ${m.explanation.summary}`,
      ref: m,
    })),
    ...(lookup?.contradictions ?? []).map((m) => ({
      label: `$(warning) ${m.path}`,
      description:
        m.alsoIn.length > 0
          ? vscode.l10n.t('may contradict · {0} · also in {1}', m.source ?? vscode.l10n.t('author'), m.alsoIn.map((p) => p.path).join(', '))
          : vscode.l10n.t('may contradict · {0}', m.source ?? vscode.l10n.t('author')),
      detail: `${m.text} — ${m.explanation.summary}`,
      ref: m,
    })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Source Annotator: no other source tells this claim.'));
    return [];
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('The same claim in other sources'),
    matchOnDetail: true,
  });
  if (picked) await vscode.commands.executeCommand('sourceAnnotator.openAt', picked.ref.path, picked.ref.start, picked.ref.end);
  return items.map((i) => i.ref);
}

/** Find All References on an entity lists its mentions across the corpus. */
function entityReferences(store: ArticleStore, corpus: CorpusService): vscode.Disposable {
  return vscode.languages.registerReferenceProvider([{ language: 'plaintext' }, { language: 'markdown' }], {
    async provideReferences(document, position) {
      const state = await store.get(document);
      if (!state) return undefined;
      const offset = document.offsetAt(position);
      const mark = marksUnderCursor(store, state, offset).find((m) => m.kind === 'entity');
      if (!mark) return undefined;
      await corpus.whenReady();
      const key =
        (mark.state === 'confirmed' ? mark.tag.entityId : null) ??
        document.getText(new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)));
      return mentionLocations(corpus, corpus.index.allMentions(key));
    },
  });
}

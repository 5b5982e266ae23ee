import * as vscode from 'vscode';
import type { ClaimRef, GroupedClaim, MentionRef } from '../core/corpus';
import { ENTITY_TYPES, type EntityType } from '../core/detect/types';
import type { Tag } from '../core/sidecar/types';
import { verdictTone, type VerdictTone } from '../core/sidecar/verdicts';
import { escapeMarkdown } from '../core/text/escape';
import type { CorpusService } from '../corpusService/corpusService';

export const VIEW_COMMANDS = {
  openAt: 'sourceAnnotator.openAt',
  filterEntities: 'sourceAnnotator.filterEntities',
  clearEntityFilter: 'sourceAnnotator.clearEntityFilter',
  claimsByArticle: 'sourceAnnotator.showClaimsByArticle',
  claimsByGroup: 'sourceAnnotator.showClaimsByGroup',
  revealArticle: 'sourceAnnotator.revealArticleInClaims',
} as const;

/** A place in an article: what every leaf of the views opens. */
interface Place {
  path: string;
  start: number;
  end: number;
}

type Node =
  | { kind: 'type'; type: EntityType; count: number }
  | { kind: 'entity'; name: string; entityId: string | null; type: EntityType; mentions: number; articles: number }
  | { kind: 'mention'; ref: MentionRef }
  | { kind: 'article'; path: string; count: number }
  | { kind: 'group'; label: string; claims: GroupedClaim[]; articles: number }
  | { kind: 'claim'; ref: ClaimRef; contradicts: boolean; differs?: string | null; hedged?: boolean }
  | { kind: 'tagName'; name: string; count: number }
  | { kind: 'tag'; path: string; tag: Tag }
  | { kind: 'more'; label: string; hint: string };

/**
 * Items a node lists before a last one saying how many more there are: a year of news names some people in tens of
 * thousands of places, and a tree of that many items freezes the sidebar while VS Code takes them in.
 */
const MAX_CHILDREN = 500;

/**
 * The nodes of the first MAX_CHILDREN items (only those are made: a restored claim group's records are made when first
 * read), and an item saying how many more there are and where to find them.
 */
function capped<T>(
  items: readonly T[],
  node: (item: T) => Node,
  more: (count: number) => Omit<Extract<Node, { kind: 'more' }>, 'kind'>,
): Node[] {
  const nodes = items.slice(0, MAX_CHILDREN).map(node);
  return items.length > MAX_CHILDREN ? [...nodes, { kind: 'more', ...more(items.length - MAX_CHILDREN) }] : nodes;
}

const openCommand = (place: Place): vscode.Command => ({
  command: VIEW_COMMANDS.openAt,
  title: vscode.l10n.t('Open'),
  arguments: [place.path, place.start, place.end],
});
const short = (text: string, max = 90): string => (text.length > max ? text.slice(0, max - 1) + '…' : text);
/**
 * A claim's label in the default sidebar width (about 300 px, 30 characters at depth 2): its first words, cut at a word, so that
 * the description after it (verdict, source) is still in view; the whole claim is in the tooltip.
 */
const CLAIM_LABEL_CHARS = 30;
const firstWords = (text: string, max = CLAIM_LABEL_CHARS): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut) + '…';
};
const verdictColour: Record<VerdictTone, string> = {
  supported: 'sourceAnnotator.verdictSupported',
  disputed: 'sourceAnnotator.verdictDisputed',
  false: 'sourceAnnotator.verdictFalse',
  other: 'sourceAnnotator.verdictOther',
};

/** A claim's icon says what matters first: a contradiction, then its verdict (in the verdict's colour), then whether it is tagged. */
function claimIcon(ref: ClaimRef, contradicts: boolean): vscode.ThemeIcon {
  if (contradicts) return new vscode.ThemeIcon('warning', new vscode.ThemeColor(verdictColour.false));
  if (ref.verdict) return new vscode.ThemeIcon('law', new vscode.ThemeColor(verdictColour[verdictTone(ref.verdict)]));
  return new vscode.ThemeIcon(ref.origin === 'tag' ? 'check' : 'quote');
}

/** Everything about a claim, for its tooltip: the whole text, then who says it, the verdict, where. */
function claimTooltip(ref: ClaimRef, contradicts: boolean, differs?: string | null): vscode.MarkdownString {
  const lines = [`“${escapeMarkdown(ref.text)}”`];
  if (ref.source) lines.push(vscode.l10n.t('Source: {0}', escapeMarkdown(ref.source)));
  if (ref.verdict) lines.push(vscode.l10n.t('Verdict: **{0}**', escapeMarkdown(ref.verdict)));
  if (contradicts) lines.push(vscode.l10n.t('May contradict a claim of another article.'));
  if (differs) lines.push(escapeMarkdown(differs));
  lines.push(escapeMarkdown(ref.path));
  const md = new vscode.MarkdownString(lines.join('  \n'));
  md.isTrusted = false;
  return md;
}

/** The four corpus views (Entities, Claims, Tags, Orphaned tags) over the corpus index; they refresh when it changes. */
class CorpusTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  entityFilter = '';
  claimGrouping: 'article' | 'group' = 'article';

  constructor(
    private readonly corpus: CorpusService,
    private readonly roots: () => Node[],
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!this.corpus.isReady) return [];
    if (!node) return this.roots();
    const index = this.corpus.index;
    switch (node.kind) {
      case 'type':
        return capped(
          index.entities().filter((e) => e.type === node.type && e.name.toLowerCase().includes(this.entityFilter)),
          (e) => ({
            kind: 'entity',
            name: e.name,
            entityId: e.entityId,
            type: e.type,
            mentions: e.mentionCount,
            articles: e.articleCount,
          }),
          (count) => ({
            label: vscode.l10n.t('{0} more, mentioned less', count),
            hint: vscode.l10n.t('Filter Entities shows those whose name contains what you type.'),
          }),
        );
      case 'entity':
        return capped(
          index.allMentions(node.entityId ?? node.name),
          (ref) => ({ kind: 'mention', ref }),
          (count) => ({
            label: vscode.l10n.t('{0} more mentions', count),
            hint: vscode.l10n.t('Find All Mentions, on a mention in an article, lists every one.'),
          }),
        );
      case 'article':
        return index.claimsOf(node.path).map((ref) => ({ kind: 'claim', ref, contradicts: false }));
      case 'group': {
        return node.claims.map((ref) => ({
          kind: 'claim',
          ref,
          contradicts: ref.stance === 'denies',
          differs: ref.differs,
          hedged: ref.stance === 'hedged',
        }));
      }
      case 'tagName':
        return (index.tagsByName().get(node.name) ?? []).map((r) => ({ kind: 'tag', path: r.path, tag: r.tag }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'type':
        return Object.assign(new vscode.TreeItem(node.type, C.Collapsed), {
          description: `${node.count}`,
          iconPath: new vscode.ThemeIcon('symbol-class'),
        });
      case 'entity':
        return Object.assign(new vscode.TreeItem(node.name, C.Collapsed), {
          description: entityDescription(node.mentions, node.articles, node.entityId !== null),
          contextValue: 'entity',
        });
      case 'mention':
        return Object.assign(new vscode.TreeItem(node.ref.path, C.None), {
          description: short(node.ref.line),
          tooltip: node.ref.line,
          command: openCommand(node.ref),
          iconPath: new vscode.ThemeIcon(node.ref.origin === 'tag' ? 'check' : 'lightbulb'),
        });
      case 'article':
        return Object.assign(new vscode.TreeItem(node.path, C.Collapsed), {
          description: vscode.l10n.t('{0} claims', node.count),
          iconPath: vscode.ThemeIcon.File,
          resourceUri: this.corpus.uriOf(node.path),
        });
      case 'group':
        return Object.assign(new vscode.TreeItem(firstWords(node.label), C.Collapsed), {
          description: node.claims.some((c) => c.stance === 'denies')
            ? vscode.l10n.t('{0} articles · may contradict', node.articles)
            : vscode.l10n.t('{0} articles', node.articles),
          tooltip: node.label,
        });
      case 'claim':
        return Object.assign(new vscode.TreeItem(firstWords(node.ref.text), C.None), {
          // What matters first: past the sidebar's edge is what matters least.
          description: [
            node.contradicts ? vscode.l10n.t('contradicts') : node.hedged ? vscode.l10n.t('with a hedge') : '',
            node.ref.verdict ?? '',
            node.ref.source ?? '',
            this.claimGrouping === 'group' ? node.ref.path : '',
          ]
            .filter(Boolean)
            .join(' · '),
          tooltip: claimTooltip(node.ref, node.contradicts, node.differs),
          command: openCommand(node.ref),
          iconPath: claimIcon(node.ref, node.contradicts),
        });
      case 'tagName':
        return Object.assign(new vscode.TreeItem(node.name, C.Collapsed), {
          description: `${node.count}`,
          iconPath: new vscode.ThemeIcon('tag'),
        });
      case 'more':
        return Object.assign(new vscode.TreeItem(node.label, C.None), {
          tooltip: node.hint,
          iconPath: new vscode.ThemeIcon('ellipsis'),
        });
      case 'tag':
        return Object.assign(new vscode.TreeItem(short(node.tag.target.quote), C.None), {
          description: `${node.tag.label} · ${node.path}`,
          // An orphan's words are not at its last offsets: selecting them would have Re-attach take that stale span, while
          // with nothing selected it offers the places that fit.
          command: openCommand({
            path: node.path,
            start: node.tag.target.start,
            end: node.tag.anchoring === 'orphaned' ? node.tag.target.start : node.tag.target.end,
          }),
          iconPath: new vscode.ThemeIcon(node.tag.anchoring === 'orphaned' ? 'debug-disconnect' : 'tag'),
        });
    }
  }

  getParent(): undefined {
    return undefined;
  }
}

/** Registers the corpus views and their commands; returns what they hold for the test API. */
export function registerCorpusViews(corpus: CorpusService): {
  disposables: vscode.Disposable[];
  trees: Record<'entities' | 'claims' | 'tags' | 'orphans', CorpusTree>;
} {
  const index = () => corpus.index;
  const entities: CorpusTree = new CorpusTree(corpus, (): Node[] =>
    ENTITY_TYPES.map((type) => ({
      kind: 'type' as const,
      type,
      count: index()
        .entities()
        .filter((e) => e.type === type && e.name.toLowerCase().includes(entities.entityFilter)).length,
    })).filter((n) => n.count > 0),
  );
  const claims: CorpusTree = new CorpusTree(corpus, (): Node[] => {
    if (claims.claimGrouping === 'article') {
      claimsView.message = undefined;
      return capped(
        index()
          .documents()
          .sort()
          .map((path) => ({ path, count: index().claimsOf(path).length }))
          .filter((a) => a.count > 0),
        (a) => ({ kind: 'article', ...a }),
        (count) => ({
          label: vscode.l10n.t('{0} more articles', count),
          hint: vscode.l10n.t('An article’s claims are underlined in its editor; the Corpus Overview shows them all.'),
        }),
      );
    }
    const groups = corpus.claimGroups();
    // Groups still being computed: the view says so, and is redrawn once they are ready.
    claimsView.message = groups ? undefined : vscode.l10n.t('Grouping claims across articles…');
    return capped(
      groups ?? [],
      (g) => ({ kind: 'group', label: g.label, claims: g.claims, articles: g.articleCount }),
      (count) => ({
        label: vscode.l10n.t('{0} more groups, told by fewer articles', count),
        hint: vscode.l10n.t('The Corpus Overview zooms into a folder’s claim groups.'),
      }),
    );
  });
  const tags = new CorpusTree(corpus, () =>
    [...index().tagsByName()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([name, refs]) => ({ kind: 'tagName' as const, name, count: refs.length })),
  );
  const orphans = new CorpusTree(corpus, () =>
    index()
      .orphanedTags()
      .map((r) => ({ kind: 'tag' as const, path: r.path, tag: r.tag })),
  );
  const trees = { entities, claims, tags, orphans };
  const claimsView = vscode.window.createTreeView('sourceAnnotator.claims', { treeDataProvider: claims, showCollapseAll: true });
  const setClaimGrouping = (grouping: 'article' | 'group'): void => {
    claims.claimGrouping = grouping;
    void vscode.commands.executeCommand('setContext', 'sourceAnnotator.claimsByGroup', grouping === 'group');
    claims.refresh();
  };
  const disposables: vscode.Disposable[] = [
    vscode.window.createTreeView('sourceAnnotator.entities', { treeDataProvider: entities, showCollapseAll: true }),
    claimsView,
    vscode.window.createTreeView('sourceAnnotator.tags', { treeDataProvider: tags }),
    vscode.window.createTreeView('sourceAnnotator.orphans', { treeDataProvider: orphans }),
    corpus.onDidChange(() => Object.values(trees).forEach((t) => t.refresh())),
    vscode.commands.registerCommand(
      VIEW_COMMANDS.openAt,
      async (path: string, start: number, end: number, viewColumn?: vscode.ViewColumn) => {
        const uri = corpus.uriOf(path);
        if (!uri) return;
        const document = await vscode.workspace.openTextDocument(uri);
        const selection = new vscode.Range(document.positionAt(start), document.positionAt(end));
        await vscode.window.showTextDocument(document, { selection, viewColumn });
      },
    ),
    vscode.commands.registerCommand(VIEW_COMMANDS.filterEntities, async (given?: string) => {
      const filter =
        given ??
        (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Show entities whose name contains…'), value: entities.entityFilter }));
      if (filter === undefined) return;
      entities.entityFilter = filter.trim().toLowerCase();
      void vscode.commands.executeCommand('setContext', 'sourceAnnotator.entityFilterOn', entities.entityFilter !== '');
      entities.refresh();
    }),
    vscode.commands.registerCommand(VIEW_COMMANDS.clearEntityFilter, () => {
      entities.entityFilter = '';
      void vscode.commands.executeCommand('setContext', 'sourceAnnotator.entityFilterOn', false);
      entities.refresh();
    }),
    vscode.commands.registerCommand(VIEW_COMMANDS.claimsByArticle, () => setClaimGrouping('article')),
    vscode.commands.registerCommand(VIEW_COMMANDS.claimsByGroup, () => setClaimGrouping('group')),
    vscode.commands.registerCommand(VIEW_COMMANDS.revealArticle, async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document) return;
      setClaimGrouping('article');
      const path = corpus.pathOf(document.uri);
      const node = claims.getChildren().find((n) => n.kind === 'article' && n.path === path);
      if (node) await claimsView.reveal(node, { select: true, focus: false, expand: true });
    }),
  ];
  return { disposables, trees };
}

/** "3 in 2 articles · not linked": how often an entity is named, and whether it is linked to the knowledge base. */
function entityDescription(mentions: number, articles: number, linked: boolean): string {
  if (articles === 1)
    return linked ? vscode.l10n.t('{0} in 1 article', mentions) : vscode.l10n.t('{0} in 1 article · not linked', mentions);
  return linked
    ? vscode.l10n.t('{0} in {1} articles', mentions, articles)
    : vscode.l10n.t('{0} in {1} articles · not linked', mentions, articles);
}

export type { CorpusTree };

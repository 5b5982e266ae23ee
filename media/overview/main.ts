/**
 * The Corpus Overview page (runs inside the webview; bundled to dist/overview.js). Plain DOM and SVG:
 * four small drawings do not earn a chart library's weight. It draws only what the extension posts
 * (OverviewToWebview) and posts back `ready`, `open` and `zoom` (OverviewFromWebview). All text from the
 * data is set with textContent or as attribute values through the DOM, never parsed as HTML; colours
 * are classes whose CSS uses VS Code's theme variables. Its sentences go through l10n.t, with the
 * translations the extension posts along with the data (none in English).
 */
import * as l10n from '@vscode/l10n';
import { describeDisagreement } from '../../extension/core/team/agreement-text';
import type { Disagreement, LabelAgreement } from '../../extension/core/team/agreement';
import { verdictTone } from '../../extension/core/sidecar/verdicts';
import type {
  OverviewColumn,
  OverviewData,
  OverviewEntity,
  OverviewFromWebview,
  OverviewToWebview,
  TimelineBin,
  TimelineClaim,
} from '../../extension/core/team/overview-data';

interface VsCodeApi {
  postMessage(message: OverviewFromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type EntitySort = 'frequency' | 'type' | 'name';
interface PageState {
  entitySort: EntitySort;
  showAllEntities: boolean;
}

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
/** Rows shown before "Show all": a heat map of hundreds of rows is a scroll, not an overview. */
const ENTITY_ROWS = 40;
const MAX_DISAGREEMENTS = 200;

let state: PageState = { entitySort: 'frequency', showAllEntities: false, ...(vscode.getState() as Partial<PageState> | undefined) };
let current: OverviewData | null = null;
/** The opener that last had the keyboard focus: each redraw (new data comes whenever tags change) replaces it. */
let focusedKey: string | null = null;

// ---- DOM helpers ----

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  className?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (className) node.setAttribute('class', className);
  return node;
}

function section(title: string, id: string): HTMLElement {
  const s = el('section', 'panel');
  s.setAttribute('aria-labelledby', id);
  const h = el('h2', undefined, title);
  h.id = id;
  s.append(h);
  return s;
}

function open(path: string, offset: number): void {
  vscode.postMessage({ type: 'open', path, offset });
}

/** A cell that opens an article on click, Enter or Space; `key` names it across redraws. */
function makeOpener(node: HTMLElement | SVGElement, key: string, path: string, offset: number, label: string): void {
  node.dataset.key = key;
  node.setAttribute('aria-label', label);
  node.setAttribute('role', 'button');
  node.classList.add('opener');
  node.addEventListener('click', () => open(path, offset));
  node.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      e.preventDefault();
      open(path, offset);
    }
  });
}

/**
 * Arrow keys move between the grid's focusable cells (one tab stop per grid: roving tabindex),
 * Home/End to the row's first and last.
 */
function rovingGrid(table: HTMLTableElement): void {
  const cells = (): HTMLElement[][] =>
    Array.from(table.tBodies[0].rows)
      .map((r) => Array.from(r.cells).filter((c) => c.classList.contains('opener')) as HTMLElement[])
      .filter((r) => r.length > 0);
  const all = cells().flat();
  all.forEach((c, i) => (c.tabIndex = i === 0 ? 0 : -1));
  table.addEventListener('keydown', (e) => {
    const grid = cells();
    const target = e.target as HTMLElement;
    const row = grid.findIndex((r) => r.includes(target));
    if (row < 0) return;
    const col = grid[row].indexOf(target);
    const columnOf = (c: HTMLElement) => (c as HTMLTableCellElement).cellIndex;
    const nearest = (r: HTMLElement[]) =>
      r.reduce((best, c) => (Math.abs(columnOf(c) - columnOf(target)) < Math.abs(columnOf(best) - columnOf(target)) ? c : best));
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowRight') next = grid[row][col + 1];
    else if (e.key === 'ArrowLeft') next = grid[row][col - 1];
    else if (e.key === 'ArrowDown') next = grid[row + 1] && nearest(grid[row + 1]);
    else if (e.key === 'ArrowUp') next = grid[row - 1] && nearest(grid[row - 1]);
    else if (e.key === 'Home') next = grid[row][0];
    else if (e.key === 'End') next = grid[row][grid[row].length - 1];
    else return;
    e.preventDefault();
    if (!next) return;
    target.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}

function pct(x: number | null): string {
  return x === null ? l10n.t('n/a') : l10n.t('{0}%', Math.round(x * 100));
}

function fixed(x: number | null): string {
  // Math.round turns a tiny negative into -0, which toFixed prints as "-0.00".
  return x === null ? l10n.t('n/a') : (Math.round(x * 100) / 100 || 0).toFixed(2);
}

// Counted nouns: each form is a whole message, as l10n bundles have no plural rules.
const mentions = (n: number): string => (n === 1 ? l10n.t('1 mention') : l10n.t('{0} mentions', n));
const articles = (n: number): string => (n === 1 ? l10n.t('1 article') : l10n.t('{0} articles', n));
const datedClaims = (n: number): string => (n === 1 ? l10n.t('1 dated claim') : l10n.t('{0} dated claims', n));
const disagreements = (n: number): string => (n === 1 ? l10n.t('1 disagreement') : l10n.t('{0} disagreements', n));

/** The text a column of several articles goes by in the trail of zooms. */
function scopeName(column: OverviewColumn): string {
  return column.folder ? column.title : `${column.first} … ${column.last}`;
}

/**
 * Where the keyboard focus goes once the page is drawn after a zoom (the element that had it is gone): the trail's
 * step showing where the page now is, or, back out, the header of the column the page came out of.
 */
let focusAfterZoom: { here: true } | { column: { first: string; last: string } } | null = null;

function zoomInto(column: OverviewColumn): void {
  focusAfterZoom = { here: true };
  vscode.postMessage({ type: 'zoom', into: { first: column.first, last: column.last, name: scopeName(column) } });
}

function zoomOut(data: OverviewData, depth: number): void {
  const left = data.trail[depth];
  focusAfterZoom = { column: { first: left.first, last: left.last } };
  vscode.postMessage({ type: 'zoom', depth });
}

/** Focuses what focusAfterZoom names, if this drawing has it; true when it did. */
function focusAfterZooming(): boolean {
  const target = focusAfterZoom;
  if (!target) return false;
  focusAfterZoom = null;
  const node =
    'here' in target
      ? document.querySelector<HTMLElement>('nav.trail .here')
      : Array.from(document.querySelectorAll<HTMLElement>('table.heat th.article button.zoom')).find(
          (b) => b.dataset.first === target.column.first && b.dataset.last === target.column.last,
        );
  node?.focus();
  return !!node;
}

/**
 * Column headers: file names, written vertically, the full path as tooltip. A column of several articles (a folder,
 * or a run of them) is a button that zooms into them.
 */
function columnHeader(data: OverviewData, corner: string): HTMLTableSectionElement {
  const head = el('thead');
  const row = el('tr');
  const first = el('th', 'corner', corner);
  first.scope = 'col';
  row.append(first);
  for (const column of data.columns) {
    const th = el('th', 'article');
    th.scope = 'col';
    if (column.articleCount === 1) {
      th.title = column.title;
      th.append(el('span', undefined, column.name));
    } else {
      const zoom = el('button', 'zoom');
      zoom.type = 'button';
      zoom.append(el('span', undefined, `${column.name} (${column.articleCount})`));
      zoom.title = l10n.t('{0}: {1}; show them one by one', column.title, articles(column.articleCount));
      zoom.dataset.first = column.first;
      zoom.dataset.last = column.last;
      zoom.addEventListener('click', () => zoomInto(column));
      th.append(zoom);
    }
    row.append(th);
  }
  head.append(row);
  return head;
}

/**
 * Where the page is: the whole workspace, or the columns zoomed into (each a button back out to it); and, when the
 * columns are folders or runs of articles, how to see the articles one by one.
 */
function drawTrail(data: OverviewData): HTMLElement | null {
  const grouped = data.columns.some((c) => c.articleCount > 1);
  if (data.trail.length === 0 && !grouped) return null;
  const nav = el('nav', 'trail');
  nav.setAttribute('aria-label', l10n.t('Articles shown'));
  const steps = [{ name: l10n.t('All articles'), articleCount: null as number | null }, ...data.trail];
  steps.forEach((step, depth) => {
    if (depth > 0) nav.append(el('span', 'separator', '›'));
    const label = step.articleCount === null ? step.name : `${step.name} (${articles(step.articleCount)})`;
    if (depth === steps.length - 1) {
      const here = el('span', 'here', label);
      here.setAttribute('aria-current', 'location');
      here.tabIndex = -1;
      nav.append(here);
      return;
    }
    const back = el('button', 'link', label);
    back.type = 'button';
    back.addEventListener('click', () => zoomOut(data, depth));
    nav.append(back);
  });
  if (grouped) {
    const byFolder = data.columns.every((c) => c.folder || c.articleCount === 1);
    nav.append(
      el(
        'p',
        'placeholder',
        byFolder
          ? l10n.t(
              '{0} in {1} columns, one per folder: a column’s header shows its articles.',
              articles(data.totals.articles),
              data.columns.length,
            )
          : l10n.t(
              '{0} in {1} columns of consecutive articles: a column’s header shows its articles.',
              articles(data.totals.articles),
              data.columns.length,
            ),
      ),
    );
  }
  return nav;
}

// ---- totals ----

function drawTotals(data: OverviewData): HTMLElement {
  const t = data.totals;
  const s = section(l10n.t('Totals'), 'totals-title');
  const cards = el('div', 'cards');
  const card = (value: string, label: string, tone = '') => {
    const c = el('div', `card ${tone}`);
    c.append(el('div', 'value', value), el('div', 'label', label));
    cards.append(c);
  };
  card(String(t.articles), l10n.t('articles ({0} tagged)', t.articlesWithTags));
  card(String(t.tags), l10n.t('tags'));
  card(pct(t.reviewedShare), l10n.t('claims reviewed ({0} of {1})', t.reviewedClaims, t.claims));
  card(String(t.orphaned), l10n.t('orphaned tags'), t.orphaned > 0 ? 'warn' : '');
  s.append(cards);

  const table = el('table', 'counts');
  table.append(el('caption', undefined, l10n.t('Tags by kind and status')));
  const head = el('tr');
  for (const h of ['', l10n.t('confirmed'), l10n.t('rejected')]) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const kind of ['entity', 'claim'] as const) {
    const tr = el('tr');
    const th = el('th', undefined, kind === 'entity' ? l10n.t('entities') : l10n.t('claims'));
    th.scope = 'row';
    tr.append(th, el('td', 'num', String(t.byKindAndStatus[kind].confirmed)), el('td', 'num', String(t.byKindAndStatus[kind].rejected)));
    body.append(tr);
  }
  s.append(table);
  return s;
}

// ---- entity heat map ----

function sortedEntities(entities: readonly OverviewEntity[], sort: EntitySort): OverviewEntity[] {
  const byFrequency = (a: OverviewEntity, b: OverviewEntity) =>
    b.total - a.total || b.articleCount - a.articleCount || a.name.localeCompare(b.name);
  const order = {
    frequency: byFrequency,
    type: (a: OverviewEntity, b: OverviewEntity) => a.typeOrder - b.typeOrder || byFrequency(a, b),
    name: (a: OverviewEntity, b: OverviewEntity) => a.name.localeCompare(b.name),
  }[sort];
  return [...entities].sort(order);
}

/** Five shades, scaled to the largest count (square root: a few very frequent names should not wash out the rest). */
function level(count: number, max: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count / max) * 5));
}

function drawEntities(data: OverviewData): HTMLElement {
  const s = section(l10n.t('Entities × articles'), 'entities-title');
  if (data.entities.length === 0) {
    s.append(el('p', 'placeholder', l10n.t('No entities found yet.')));
    return s;
  }
  const controls = el('div', 'controls');
  controls.setAttribute('role', 'group');
  controls.setAttribute('aria-label', l10n.t('Sort entities'));
  controls.append(el('span', 'label', l10n.t('Sort by')));
  const sortNames: Record<EntitySort, string> = { frequency: l10n.t('frequency'), type: l10n.t('type'), name: l10n.t('name') };
  for (const sort of ['frequency', 'type', 'name'] as const) {
    const b = el('button', 'toggle', sortNames[sort]);
    b.type = 'button';
    b.setAttribute('aria-pressed', String(state.entitySort === sort));
    b.addEventListener('click', () => setState({ entitySort: sort }, 'entities-title'));
    controls.append(b);
  }
  s.append(controls);

  const rows = sortedEntities(data.entities, state.entitySort);
  const shown = state.showAllEntities ? rows : rows.slice(0, ENTITY_ROWS);
  const max = Math.max(...data.entities.flatMap((e) => e.cells.map((c) => c?.count ?? 0)));
  const wrap = el('div', 'scroll');
  const table = el('table', 'grid heat');
  table.append(columnHeader(data, l10n.t('entity')));
  const body = table.createTBody();
  for (const e of shown) {
    const tr = el('tr', `of-${e.type}`);
    const th = el('th', 'rowhead');
    th.scope = 'row';
    th.append(el('span', `type type-${e.type}`, e.type), el('span', 'name', e.name));
    th.title = l10n.t('{0} ({1}): {2} in {3}', e.name, e.type, mentions(e.total), articles(e.articleCount));
    tr.append(th);
    e.cells.forEach((cell, i) => {
      const td = el('td', 'cell');
      if (cell) {
        td.classList.add(`level-${level(cell.count, max)}`);
        td.textContent = String(cell.count);
        const column = data.columns[i];
        const single = column.articleCount === 1;
        makeOpener(
          td,
          `entity\n${e.type}\n${e.name}\n${column.first}\n${column.last}`,
          cell.path,
          cell.offset,
          single
            ? l10n.t('{0}: {1} in {2}; open the first', e.name, mentions(cell.count), column.name)
            : l10n.t('{0}: {1} in {2} of {3}; open the first', e.name, mentions(cell.count), articles(cell.articles), column.name),
        );
        td.title = single
          ? l10n.t('{0} in {1}: {2}', e.name, column.title, mentions(cell.count))
          : l10n.t('{0} in {1}: {2} in {3}', e.name, column.title, mentions(cell.count), articles(cell.articles));
      }
      tr.append(td);
    });
    body.append(tr);
  }
  wrap.append(table);
  s.append(wrap);
  rovingGrid(table);
  if (rows.length > ENTITY_ROWS) {
    const more = el(
      'button',
      'link',
      state.showAllEntities ? l10n.t('Show the top {0}', ENTITY_ROWS) : l10n.t('Show all {0} entities', rows.length),
    );
    more.type = 'button';
    more.addEventListener('click', () => setState({ showAllEntities: !state.showAllEntities }, 'entities-title'));
    s.append(more);
  }
  return s;
}

// ---- claim matrix ----

function drawClaims(data: OverviewData): HTMLElement {
  const s = section(l10n.t('Claims × articles'), 'claims-title');
  if (data.claimGroupsPending) {
    s.append(el('p', 'placeholder', l10n.t('Grouping claims across articles…')));
    return s;
  }
  if (data.claimGroups.length === 0) {
    s.append(el('p', 'placeholder', l10n.t('No claim is made in more than one place yet.')));
    return s;
  }
  const legend = el('p', 'legend');
  legend.append(
    el('span', 'mark made', '●'),
    document.createTextNode(` ${l10n.t('asserts')}  `),
    el('span', 'mark hedged', '◐'),
    document.createTextNode(` ${l10n.t('asserts with a hedge')}  `),
    el('span', 'mark negative', '✕'),
    document.createTextNode(` ${l10n.t('denies')}  `),
    document.createTextNode(`${l10n.t('empty: not mentioned')}  `),
    el('span', 'badge contradiction', l10n.t('contradiction')),
    document.createTextNode(` ${l10n.t('an article denies it')}`),
  );
  s.append(legend);
  const wrap = el('div', 'scroll');
  const table = el('table', 'grid claims');
  table.append(columnHeader(data, l10n.t('claim')));
  const body = table.createTBody();
  for (const g of data.claimGroups) {
    const tr = el('tr');
    if (g.contradiction) tr.classList.add('contradiction');
    const th = el('th', 'rowhead claim-label');
    th.scope = 'row';
    th.append(el('span', 'name', g.label));
    if (g.contradiction) th.append(el('span', 'badge contradiction', l10n.t('contradiction')));
    if (g.verdicts.length > 1) th.append(el('span', 'badge verdicts', l10n.t('verdicts differ')));
    th.title = g.label;
    tr.append(th);
    g.cells.forEach((cell, i) => {
      const td = el('td', 'cell');
      if (cell) {
        const { stance, verdicts, claims } = cell;
        td.classList.add(stance === 'denies' ? 'negative' : stance === 'hedged' ? 'hedged' : 'made');
        td.append(el('span', 'mark', stance === 'denies' ? '✕' : stance === 'hedged' ? '◐' : '●'));
        for (const verdict of verdicts) td.append(el('span', `verdict verdict-${verdictTone(verdict)}`, verdict));
        const column = data.columns[i];
        const quoted = claims.map((m) => (m.differs ? `${m.text} (${m.differs})` : m.text)).join(' | ');
        const said =
          cell.count > claims.length
            ? l10n.t('{0} | and {1} more in {2}', quoted, cell.count - claims.length, articles(cell.articles))
            : quoted;
        makeOpener(
          td,
          `claim\n${g.label}\n${column.first}\n${column.last}`,
          claims[0].path,
          claims[0].start,
          claimCellLabel(column.name, stance, verdicts.join(', '), said),
        );
        td.title = `${column.title}: ${said}`;
      }
      tr.append(td);
    });
    body.append(tr);
  }
  wrap.append(table);
  s.append(wrap);
  rovingGrid(table);
  return s;
}

/** What a claim-matrix cell says to a screen reader: one whole sentence per case, for translators. */
function claimCellLabel(article: string, stance: 'asserts' | 'hedged' | 'denies', verdicts: string, said: string): string {
  if (stance === 'denies')
    return verdicts
      ? l10n.t('{0} says otherwise, verdict {1}: {2}', article, verdicts, said)
      : l10n.t('{0} says otherwise: {1}', article, said);
  if (stance === 'hedged')
    return verdicts
      ? l10n.t('{0} makes the claim with a hedge, verdict {1}: {2}', article, verdicts, said)
      : l10n.t('{0} makes the claim with a hedge: {1}', article, said);
  return verdicts
    ? l10n.t('{0} makes the claim, verdict {1}: {2}', article, verdicts, said)
    : l10n.t('{0} makes the claim: {1}', article, said);
}

// ---- timeline ----

function drawTimeline(data: OverviewData): HTMLElement {
  const s = section(l10n.t('Timeline of dated claims'), 'timeline-title');
  const points = data.timeline;
  if (data.timelineBins.length > 0) {
    s.append(drawTimelineBins(data.timelineBins, data.datedClaims));
    return s;
  }
  if (points.length === 0) {
    s.append(el('p', 'placeholder', l10n.t('No claim has a known date.')));
    return s;
  }
  const axisY = 40;
  const x = timeScale(points[0].time, points[points.length - 1].time);
  // Claims on the same day stack upwards-downwards from the axis instead of hiding each other.
  const stacks = new Map<number, number>();
  const placed = points.map((p) => {
    const px = Math.round(x(p.time));
    const n = stacks.get(px) ?? 0;
    stacks.set(px, n + 1);
    return { p, px, n };
  });
  const height = axisY + 30 + Math.max(...stacks.values()) * 14;
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${TIMELINE_WIDTH} ${height}`,
      width: '100%',
      role: 'group',
      'aria-label': l10n.t('{0}, {1} to {2}', datedClaims(points.length), points[0].date, points[points.length - 1].date),
    },
    'timeline',
  );
  drawAxis(chart, x, axisY, { top: axisY - 4, bottom: axisY + 4, labelY: axisY - 10 });
  for (const { p, px, n } of placed) {
    const dot = svg('circle', { cx: px, cy: axisY + 14 + n * 14, r: 5, tabindex: 0 }, 'dot');
    const title = svg('title', {});
    title.textContent = `${p.date} — ${p.path}: ${p.text}`;
    dot.append(title);
    makeOpener(dot, `timeline\n${p.path}\n${p.start}`, p.path, p.start, `${p.date}, ${p.path}: ${p.text}`);
    chart.append(dot);
  }
  s.append(chart);
  s.append(timelineList(points));
  return s;
}

/**
 * Too many dated claims for a dot each: bars of how many fall in each stretch of time, each opening its earliest
 * claim; zooming into a folder shows fewer, one by one.
 */
function drawTimelineBins(bins: readonly TimelineBin[], total: number): SVGSVGElement {
  const axisY = 110;
  const barHeight = 80;
  const maxT = bins[bins.length - 1].to;
  const x = timeScale(bins[0].from, maxT);
  const most = Math.max(...bins.map((b) => b.count));
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${TIMELINE_WIDTH} ${axisY + 30}`,
      width: '100%',
      role: 'group',
      'aria-label': l10n.t('{0}, {1} to {2}, counted by stretches of time', datedClaims(total), bins[0].first.date, isoDay(maxT)),
    },
    'timeline',
  );
  drawAxis(chart, x, axisY, { top: axisY, bottom: axisY + 6, labelY: axisY + 20 });
  for (const bin of bins) {
    const height = Math.max(2, (bin.count / most) * barHeight);
    const bar = svg(
      'rect',
      { x: x(bin.from), y: axisY - height, width: Math.max(2, x(bin.to) - x(bin.from) - 1), height, tabindex: 0 },
      'bar',
    );
    const label = l10n.t(
      '{0} from {1} to {2}; open the first, {3}',
      datedClaims(bin.count),
      isoDay(bin.from),
      isoDay(bin.to),
      bin.first.path,
    );
    const title = svg('title', {});
    title.textContent = label;
    bar.append(title);
    makeOpener(bar, `timeline-bin\n${bin.from}`, bin.first.path, bin.first.start, label);
    chart.append(bar);
  }
  return chart;
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

const TIMELINE_WIDTH = 900;
const TIMELINE_MARGIN = 20;

/** Where a time falls across the timeline, from `from` to `to` (at least a day wide); `from` and `to` kept for the axis. */
interface TimeScale {
  (time: number): number;
  from: number;
  to: number;
}

function timeScale(from: number, last: number): TimeScale {
  const to = from + Math.max(last - from, 86400000);
  const x = (t: number) => TIMELINE_MARGIN + ((t - from) / (to - from)) * (TIMELINE_WIDTH - 2 * TIMELINE_MARGIN);
  return Object.assign(x, { from, to });
}

/** The time axis at `axisY`, its ticks drawn from `top` to `bottom` and labelled at `labelY`. */
function drawAxis(chart: SVGSVGElement, x: TimeScale, axisY: number, tick: { top: number; bottom: number; labelY: number }): void {
  chart.append(svg('line', { x1: TIMELINE_MARGIN, x2: TIMELINE_WIDTH - TIMELINE_MARGIN, y1: axisY, y2: axisY }, 'axis'));
  for (const { time, label } of ticks(x.from, x.to)) {
    const tx = x(time);
    chart.append(svg('line', { x1: tx, x2: tx, y1: tick.top, y2: tick.bottom }, 'axis'));
    const text = svg('text', { x: tx, y: tick.labelY, 'text-anchor': 'middle' }, 'tick');
    text.textContent = label;
    chart.append(text);
  }
}

/** Year ticks, or month ticks when the claims fall within two years. */
function ticks(from: number, to: number): { time: number; label: string }[] {
  const start = new Date(from);
  const out: { time: number; label: string }[] = [];
  const years = new Date(to).getUTCFullYear() - start.getUTCFullYear();
  if (years >= 2) {
    const step = Math.ceil(years / 10);
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= to; y += step) out.push({ time: Date.UTC(y, 0, 1), label: String(y) });
    return out;
  }
  const months = years * 12 + new Date(to).getUTCMonth() - start.getUTCMonth();
  const step = Math.max(1, Math.ceil(months / 8));
  for (let m = start.getUTCMonth() + 1; Date.UTC(start.getUTCFullYear(), m, 1) <= to; m += step) {
    const d = new Date(Date.UTC(start.getUTCFullYear(), m, 1));
    out.push({ time: d.getTime(), label: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}` });
  }
  return out;
}

/** The same claims as a list, for reading (and screen readers) rather than looking. */
function timelineList(points: readonly TimelineClaim[]): HTMLElement {
  const details = el('details', 'timeline-list');
  details.append(el('summary', undefined, l10n.t('List the {0}', datedClaims(points.length))));
  const list = el('ol');
  for (const p of points) {
    const li = el('li');
    const b = el('button', 'link', `${p.date} — ${p.path}`);
    b.type = 'button';
    b.addEventListener('click', () => open(p.path, p.start));
    li.append(b, el('span', 'quote', p.text));
    list.append(li);
  }
  details.append(list);
  return details;
}

// ---- agreement ----

/** The badge of a disagreement: its kind, short. */
function kindBadge(kind: Disagreement['kind']): string {
  switch (kind) {
    case 'only-a':
      return l10n.t({ message: 'only-a', comment: ['Badge: a tag only annotator A made'] });
    case 'only-b':
      return l10n.t({ message: 'only-b', comment: ['Badge: a tag only annotator B made'] });
    case 'label':
      return l10n.t({ message: 'label', comment: ['Badge: the annotators gave the same span different labels'] });
    case 'boundary':
      return l10n.t({ message: 'boundary', comment: ['Badge: the annotators tagged overlapping spans with other edges'] });
    case 'status':
      return l10n.t({ message: 'status', comment: ['Badge: one annotator confirmed what the other rejected'] });
    case 'verdict':
      return l10n.t({ message: 'verdict', comment: ['Badge: the annotators gave a claim different verdicts'] });
  }
}

function drawAgreement(data: OverviewData): HTMLElement | null {
  const report = data.agreement;
  if (!report) return null;
  const s = section(l10n.t('Agreement: {0} and {1}', report.nameA, report.nameB), 'agreement-title');
  const table = el('table', 'counts agreement');
  table.append(
    el('caption', undefined, l10n.t('{0}; {1} is the reference for precision and recall', articles(report.articles.length), report.nameA)),
  );
  const head = el('tr');
  for (const h of [l10n.t('label'), 'kappa', 'AC1', l10n.t('exact F1'), l10n.t('relaxed F1'), l10n.t('spans')]) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  const row = (l: LabelAgreement) => {
    const tr = el('tr');
    const th = el('th', undefined, l.label);
    th.scope = 'row';
    const score = (x: number | null) => {
      const td = el('td', 'num', fixed(x));
      if (x !== null) td.classList.add(x >= 0.8 ? 'good' : x >= 0.6 ? 'fair' : 'poor');
      return td;
    };
    tr.append(th, score(l.kappa), score(l.ac1), score(l.exact.f1), score(l.relaxed.f1), el('td', 'num', `${l.exact.a} / ${l.exact.b}`));
    body.append(tr);
  };
  report.labels.forEach(row);
  row(report.overall);
  body.rows[body.rows.length - 1].classList.add('total');
  s.append(table);

  const n = report.disagreements.length;
  s.append(el('h3', undefined, n === 0 ? l10n.t('No disagreements') : disagreements(n)));
  if (n > 0) {
    const list = el('ul', 'disagreements');
    for (const d of report.disagreements.slice(0, MAX_DISAGREEMENTS)) {
      const li = el('li');
      const at = (d.a ?? d.b)!;
      const b = el('button', 'link', `${d.path}:${at.start}`);
      b.type = 'button';
      b.addEventListener('click', () => open(d.path, at.start));
      li.append(
        el('span', `badge kind-${d.kind}`, kindBadge(d.kind)),
        b,
        el('span', undefined, describeDisagreement(d, report.nameA, report.nameB)),
      );
      list.append(li);
    }
    s.append(list);
    if (n > MAX_DISAGREEMENTS)
      s.append(el('p', 'placeholder', l10n.t('{0} more in the CLI report (source-annotator agree).', n - MAX_DISAGREEMENTS)));
  }
  return s;
}

// ---- page ----

/** While the workspace is indexed the page shows what is known, and says that more is coming. */
let indexing: { done: number; total: number } | undefined;

function drawIndexing(): HTMLElement | null {
  if (!indexing) return null;
  const note = el(
    'p',
    'indexing',
    l10n.t('Indexing the workspace: {0} of {1} articles so far; the figures fill in as they come.', indexing.done, indexing.total),
  );
  note.setAttribute('role', 'status');
  return note;
}

function render(data: OverviewData, focusId?: string): void {
  const root = document.getElementById('overview')!;
  const parts = [
    drawIndexing(),
    drawTrail(data),
    drawTotals(data),
    drawEntities(data),
    drawClaims(data),
    drawTimeline(data),
    drawAgreement(data),
  ].filter((p): p is HTMLElement => p !== null);
  root.replaceChildren(...parts);
  root.setAttribute('aria-busy', String(!!indexing));
  if (focusId)
    document.getElementById(focusId)?.closest('section')?.querySelector<HTMLElement>('button[aria-pressed="true"], button')?.focus();
  else if (!focusAfterZooming()) refocus();
}

/**
 * Gives the keyboard focus back to the opener that had it before a redraw, and makes it its grid's tab
 * stop, so that a keyboard user is not thrown back to the top of the page whenever the data changes.
 * The focus itself only while the page has it: a redraw must not take it from the editor being typed in.
 */
function refocus(): void {
  const node = Array.from(document.querySelectorAll<HTMLElement | SVGElement>('.opener')).find((n) => n.dataset.key === focusedKey);
  if (!node) return;
  const grid = node.closest('table');
  grid?.querySelectorAll<HTMLElement>('.opener').forEach((c) => (c.tabIndex = c === node ? 0 : -1));
  if (document.hasFocus() && (document.activeElement === null || document.activeElement === document.body)) node.focus();
}

function setState(change: Partial<PageState>, focusSection: string): void {
  state = { ...state, ...change };
  vscode.setState(state);
  if (current) render(current, focusSection);
}

document.addEventListener('focusin', (event) => {
  focusedKey = (event.target as Element).closest<HTMLElement | SVGElement>('.opener')?.dataset.key ?? null;
});
// The page comes back into focus on its last focused element, unless a redraw removed it meanwhile.
window.addEventListener('focus', () => refocus());
window.addEventListener('message', (event: MessageEvent<OverviewToWebview>) => {
  const message = event.data;
  if (message?.type !== 'data') return;
  if (message.l10n) l10n.config({ contents: message.l10n });
  indexing = message.indexing;
  current = message.data;
  render(current);
});
vscode.postMessage({ type: 'ready' });

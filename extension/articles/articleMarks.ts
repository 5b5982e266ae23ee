import type { IncrementalState } from '../core/detect/incremental';
import { analysisBetween, analysisOf } from '../core/detect/incremental';
import { resolveSources } from '../core/detect/shown';
import type { Analysis } from '../core/detect/types';
import { overlay, type Mark } from '../core/present/overlay';
import { countMarks, EMPTY_ANALYSIS, suggestable, type MarkCounts } from '../core/present/suggestions';
import { normalizeName } from '../core/corpus/normalize';
import type { Sidecar } from '../core/sidecar/types';
import type { ArticleState } from '../articleRegistry/articleState';
import { isLong, LONG_ARTICLE_LENGTH } from './longArticles';
import type { KnownNames } from '../workspaceKnowledge/workspaceKnowledge';

/**
 * What an article shows: the detector's suggestions the researcher wants (no weak claims, no rejected
 * names) laid over the tags, built on first use after each change and kept until the next.
 */
export class ArticleMarks {
  /** The names each version of an article's tags rejects (a new sidecar object after every change). */
  private readonly rejectedHere = new WeakMap<Sidecar, Set<string>>();

  constructor(private readonly knowledge: Pick<KnownNames, 'isRejectedEverywhere'>) {}

  /** The detector's findings on the whole article, claims below the score threshold left out. */
  analysis(state: ArticleState): Analysis {
    state.derived.analysis ??= state.incremental ? this.shown(state, this.resolved(state, analysisOf(state.incremental))) : EMPTY_ANALYSIS;
    return state.derived.analysis;
  }

  /** How many suggestions, confirmed tags and claims the article shows, without building every mark. */
  counts(state: ArticleState): MarkCounts {
    state.derived.counts ??= countMarks({
      marks: state.derived.marks,
      incremental: state.incremental,
      tags: state.sidecar?.tags ?? [],
      minClaimScore: state.minClaimScore,
      shown: (analysis) => this.shown(state, analysis),
    });
    return state.derived.counts;
  }

  /** Every tag and suggestion of the article, by position. */
  marks(state: ArticleState): Mark[] {
    state.derived.marks ??= overlay(this.analysis(state), state.sidecar?.tags ?? []);
    return state.derived.marks;
  }

  /** The marks overlapping [from, to], built from the chunks there only: cheap on any article size. */
  marksBetween(state: ArticleState, from: number, to: number): Mark[] {
    if (state.derived.marks) return state.derived.marks.filter((m) => m.end >= from && m.start <= to);
    const analysis = state.incremental ? this.shown(state, analysisBetween(state.incremental, from, to)) : EMPTY_ANALYSIS;
    const tags = (state.sidecar?.tags ?? []).filter((t) => t.target.end >= from && t.target.start <= to);
    return overlay(analysis, tags).filter((m) => m.end >= from && m.start <= to);
  }

  /** The marks another analysis of the article (a from-scratch one, for tests) gives with its tags. */
  marksOf(state: ArticleState, analysis: IncrementalState): Mark[] {
    return overlay(this.shown(state, this.resolved(state, analysisOf(analysis))), state.sidecar?.tags ?? []);
  }

  /**
   * What a closed article would show, from an analysis of its saved text made elsewhere (the corpus's): the same
   * choice of suggestions as for an open one, so that exporting it need not open it.
   */
  savedAnalysis(
    analysis: Analysis,
    text: string,
    sidecar: Sidecar | null,
    settings: { minClaimScore: number; showAllClaims: boolean },
  ): Analysis {
    const whole = text.length > LONG_ARTICLE_LENGTH ? analysis : resolveSources(analysis);
    return this.suggestable(whole, sidecar, new Map(), settings.minClaimScore, settings.showAllClaims);
  }

  /**
   * Claim sources resolved against the whole article, as the command line does; a long article
   * keeps what each chunk resolved on its own, so that a keystroke does not walk every claim.
   */
  private resolved(state: ArticleState, analysis: Analysis): Analysis {
    return isLong(state.document) ? analysis : resolveSources(analysis);
  }

  /** The suggestions of `analysis` the researcher sees, each name's rejection asked once until the knowledge changes. */
  private shown(state: ArticleState, analysis: Analysis): Analysis {
    return this.suggestable(analysis, state.sidecar, state.rejectedNames, state.minClaimScore, state.showAllClaims);
  }

  /** `analysis` without what the settings and the rejections leave out; `asked` keeps each name's answer from the index. */
  private suggestable(
    analysis: Analysis,
    sidecar: Sidecar | null,
    asked: Map<string, boolean>,
    minClaimScore: number,
    showAllClaims: boolean,
  ): Analysis {
    const here = this.namesRejectedIn(sidecar);
    const rejected = (name: string): boolean => {
      if (here.size > 0 && here.has(normalizeName(name))) return true;
      let known = asked.get(name);
      if (known === undefined) asked.set(name, (known = this.knowledge.isRejectedEverywhere(name)));
      return known;
    };
    return suggestable(analysis, minClaimScore, rejected, showAllClaims);
  }

  /**
   * A name the researcher rejected in this article is not suggested anywhere in it, from the moment of
   * the rejection (and again from the moment it is undone), whatever the workspace's index knows yet.
   */
  private namesRejectedIn(sidecar: Sidecar | null): ReadonlySet<string> {
    if (!sidecar) return NONE;
    let names = this.rejectedHere.get(sidecar);
    if (!names) {
      names = new Set(sidecar.tags.filter((t) => t.kind === 'entity' && t.status === 'rejected').map((t) => normalizeName(t.target.quote)));
      this.rejectedHere.set(sidecar, names);
    }
    return names;
  }
}

const NONE: ReadonlySet<string> = new Set();

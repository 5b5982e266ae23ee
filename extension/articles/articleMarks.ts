import type { IncrementalState } from '../core/detect/incremental';
import { analysisBetween, analysisOf } from '../core/detect/incremental';
import type { Analysis } from '../core/detect/types';
import { overlay, type Mark } from '../core/present/overlay';
import { countMarks, EMPTY_ANALYSIS, suggestable, type MarkCounts } from '../core/present/suggestions';
import type { ArticleState } from '../articleRegistry/articleState';
import type { KnownNames } from '../workspaceKnowledge/workspaceKnowledge';

/**
 * What an article shows: the detector's suggestions the researcher wants (no weak claims, no rejected
 * names) laid over the tags, built on first use after each change and kept until the next.
 */
export class ArticleMarks {
  constructor(private readonly knowledge: Pick<KnownNames, 'isRejected'>) {}

  /** The detector's findings on the whole article, claims below the score threshold left out. */
  analysis(state: ArticleState): Analysis {
    state.derived.analysis ??= state.incremental ? this.shown(state, analysisOf(state.incremental)) : EMPTY_ANALYSIS;
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
    return overlay(this.shown(state, analysisOf(analysis)), state.sidecar?.tags ?? []);
  }

  /** The suggestions of `analysis` the researcher sees, each name's rejection asked once until the knowledge changes. */
  private shown(state: ArticleState, analysis: Analysis): Analysis {
    const rejected = (name: string): boolean => {
      let known = state.rejectedNames.get(name);
      if (known === undefined) state.rejectedNames.set(name, (known = this.knowledge.isRejected(state.document.uri, name)));
      return known;
    };
    return suggestable(analysis, state.minClaimScore, rejected);
  }
}

import { resolveClaimSources } from './attribution';
import type { Analysis, ClaimMention } from './types';

/**
 * The claims to show: by default those the detector marks prominent (attributed, or check-worthy
 * from the model's threshold on); every claim when the researcher asks for all. The editor and the
 * command line both choose through this.
 */
export function shownClaims(claims: ClaimMention[], all: boolean): ClaimMention[] {
  return all || claims.every((c) => c.prominent !== false) ? claims : claims.filter((c) => c.prominent !== false);
}

/** The analysis with every claim's source resolved against the whole article (see resolveClaimSources). */
export function resolveSources(analysis: Analysis): Analysis {
  return analysis.claims.some((c) => c.attributions?.length)
    ? { entities: analysis.entities, claims: resolveClaimSources(analysis.claims, analysis.entities) }
    : analysis;
}

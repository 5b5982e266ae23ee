export { anchorTags, candidatePlaces, type Place, AMBIGUITY_MARGIN, FUZZY_MIN_SIMILARITY, MIN_CONTEXT_SIMILARITY } from './anchor';
export { countAnchoring, followDocumentChange, orphans, reattach, type AnchoringCounts } from './reattach';
export { shiftTags, type ContentChange } from './shift';
export { splitsUnit, targetAt } from '../sidecar/target';

import { articleFeatures, encodeArticleFeatures } from '../core/corpus/articleFeatures';
import { encodeAnalysis } from '../core/corpus/cache';
import { createDetector } from '../core/detect/index';
import { analysisOf, analyzeAll } from '../core/detect/incremental';
import type { Detector, KnownEntity } from '../core/detect/types';
import { contentHash } from '../core/text/hash';
import { workerChannel } from '../env/node';
import type { FromWorker, ToWorker } from './protocol';

/**
 * An analysis worker (a Node worker thread; a web worker in the browser build): loads the detector once,
 * then analyses each text it is sent, as the editor analyses an article (line chunks, so results equal
 * the editor's incremental analysis), hashes it and reads its claims' features for the corpus index.
 */
const channel = workerChannel<ToWorker, FromWorker>();
let detector: Detector | undefined;
let known: readonly KnownEntity[] = [];

channel.receive((message) => {
  switch (message.kind) {
    case 'start':
      detector = createDetector(message.models.tagger, null, message.models.claims, message.models.dates);
      return;
    case 'known':
      known = message.known;
      return;
    case 'analyze': {
      try {
        if (!detector) throw new Error('the worker was not started');
        const { text, format } = message;
        const found = analysisOf(analyzeAll(detector, text, { format, knownEntities: known, documentText: text }));
        const analysis = encodeAnalysis(found);
        const features = encodeArticleFeatures(articleFeatures(text, found));
        channel.send({ kind: 'done', id: message.id, hash: contentHash(text), analysis, features }, [analysis.buffer as ArrayBuffer]);
      } catch (error) {
        channel.send({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
});

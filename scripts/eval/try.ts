import { createDetector } from '../../extension/core/detect/index';
import { readModelFile } from './model';
const d = createDetector(readModelFile());
for (const t of process.argv.slice(2)) console.log(JSON.stringify(d.analyze(t, { format: 'plaintext' }).entities.map((e) => [e.text, e.type])));

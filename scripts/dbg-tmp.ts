import { anchorTags } from '../extension/core/anchor';
import { convertLineEndings, scenarioTags } from '../scripts/stress/scenario';
const article = "minister Tminister Tuesday according to \r\n \n the \r\n the Beijing according to \r\n\r\n $60 million";
const tags = scenarioTags({ article, spans: [[(1723676699 % 1000) / 1000, 1]], events: [] });
console.log(JSON.stringify(tags[0].target));
const c = convertLineEndings(article);
console.log(JSON.stringify(anchorTags(tags, c)[0]));

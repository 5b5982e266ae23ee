import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { describeEntityInfo } from '../../../extension/core/corpus/describe';
import type { EntityInfo } from '../../../extension/core/corpus/types';
import { escapeMarkdown } from '../../../extension/core/text/escape';

interface Node {
  type: string;
  url?: string;
  children?: Node[];
}

function nodes(markdown: string): Node[] {
  const out: Node[] = [];
  const pending: Node[] = [unified().use(remarkParse).parse(markdown)];
  while (pending.length) {
    const node = pending.pop() as Node;
    out.push(node);
    pending.push(...(node.children ?? []));
  }
  return out;
}

test('a lone CR in user text does not let it start a heading or a code block in a hover', () => {
  for (const evil of ['Big news\r===', 'note\r\r    indented code', 'note\r\r\t\tcode', 'note\n\rBig news\r===']) {
    const types = new Set(nodes(`Note: ${escapeMarkdown(evil)}`).map((n) => n.type));
    assert.deepEqual([...types].sort(), ['paragraph', 'root', 'text'], JSON.stringify(evil));
  }
});

test('hover links to articles with spaces or brackets in their names are encoded once and keep the column', () => {
  // What the editor's Uri.toString() makes of "news/a b [1] (draft).txt" at line 3, column 5.
  const uri = 'file:///work/news/a%20b%20%5B1%5D%20(draft).txt#L3%2C5';
  const info: EntityInfo = {
    entityId: null,
    name: 'Ilse Varga',
    type: 'Person',
    aliases: [],
    description: '',
    externalId: null,
    mentionCount: 2,
    articleCount: 2,
    others: [
      {
        path: 'news/a b [1] (draft).txt',
        start: 10,
        end: 20,
        text: 'Ilse Varga',
        type: 'Person',
        origin: 'tag',
        tagId: null,
        entityId: null,
        line: 'Ilse Varga said',
      },
    ],
  };
  const links = nodes(describeEntityInfo(info, () => uri)).filter((n) => n.type === 'link');
  assert.equal(links.length, 1);
  assert.equal(links[0].url, 'file:///work/news/a%20b%20%5B1%5D%20%28draft%29.txt#L3%2C5');
  assert.equal(decodeURIComponent(new URL(links[0].url as string).pathname), '/work/news/a b [1] (draft).txt');
  assert.equal(decodeURIComponent(new URL(links[0].url as string).hash), '#L3,5');
});

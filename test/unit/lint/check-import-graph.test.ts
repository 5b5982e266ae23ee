import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';

// The bundled test runs from out/test/unit/lint; the checker is the repository's scripts/check-import-graph.mjs.
const checker = resolve(__dirname, '../../../../scripts/check-import-graph.mjs');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An extension/ folder with these files (path → source). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-import-graph-'));
  temps.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

function check(root: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [checker, root], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** Services wired one way: the store gets the registry, the corpus gets the store. */
const ONE_WAY = {
  'extension.ts': "import { Store } from './articles/store';\nimport { Corpus } from './corpus/corpus';\n",
  'articles/registry.ts': 'export class Registry {}\n',
  'articles/store.ts': "import type { Registry } from './registry';\nexport class Store { constructor(readonly registry: Registry) {} }\n",
  'corpus/corpus.ts': "import type { Store } from '../articles/store';\nexport class Corpus { constructor(readonly store: Store) {} }\n",
  'core/a/one.ts': "import { two } from '../b/two';\nexport const one = two;\n",
  'core/b/two.ts': 'export const two = 2;\n',
};

test('services wired one way pass', () => {
  const { status, output } = check(tree(ONE_WAY));
  assert.equal(status, 0, output);
});

test('a store that imports the corpus back fails, even for a type', () => {
  const { status, output } = check(
    tree({ ...ONE_WAY, 'articles/store.ts': "import type { Corpus } from '../corpus/corpus';\nexport class Store { corpus?: Corpus; }\n" }),
  );
  assert.equal(status, 1);
  assert.match(output, /editor files import one another in a loop: articles\/store → corpus\/corpus → articles\/store/);
});

test('two editor folders importing each other through different files fail', () => {
  const { status, output } = check(
    tree({
      ...ONE_WAY,
      'articles/registry.ts': "import { Corpus } from '../corpus/corpus';\nexport class Registry { c = Corpus; }\n",
      'articles/store.ts': 'export class Store {}\n',
    }),
  );
  assert.equal(status, 1);
  assert.doesNotMatch(output, /editor files import/);
  assert.match(output, /editor folders import one another in a loop: articles → corpus → articles/);
});

test('core folders importing each other at run time fail; sharing only types is noted', () => {
  const runtime = check(
    tree({ ...ONE_WAY, 'core/b/two.ts': "import { one } from '../a/one';\nexport const two = 2;\nexport const again = () => one;\n" }),
  );
  assert.equal(runtime.status, 1);
  assert.match(runtime.output, /core files import one another in a loop/);
  const types = check(
    tree({
      ...ONE_WAY,
      'core/b/two.ts': 'export const two = 2;\n',
      'core/b/three.ts': "import type { one } from '../a/one';\nexport type Three = typeof one;\n",
    }),
  );
  assert.equal(types.status, 0, types.output);
  assert.match(types.output, /note: core folders share types in a loop: core\/a → core\/b → core\/a/);
});

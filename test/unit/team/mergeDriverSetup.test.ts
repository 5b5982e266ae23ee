import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// `npx source-annotator` in a clone without the package runs whatever the registry serves under that
// name, on every merge: the documented driver must be the local build's path.
test('the merge driver is set up with the local build, never through npx', () => {
  const root = process.cwd();
  for (const file of ['docs/team.md', 'extension/cli/commands/merge-driver.ts']) {
    const text = readFileSync(join(root, file), 'utf8');
    const setups = text.split('\n').filter((line) => line.includes('git config merge.source-annotator.driver'));
    assert.ok(setups.length > 0, file);
    for (const line of setups) {
      assert.doesNotMatch(line, /npx/, `${file}: ${line}`);
      assert.match(line, /node \S*dist\/cli\.js merge-driver %O %A %B/, `${file}: ${line}`);
    }
  }
});

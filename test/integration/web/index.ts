// extensionTestsPath entry for the browser's web worker extension host (test/integration/web-host.mjs).
// Node's mocha cannot load there: this uses mocha's browser build, and the suites are bundled into this
// single file (a worker fetches one module; it has no require of files).
import mocha from 'mocha/mocha.js';
import { loadTestEnv, testEnv } from './env';

export async function run(): Promise<void> {
  await loadTestEnv();
  mocha.setup({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec', grep: testEnv.SOURCE_ANNOTATOR_TEST_GREP || undefined });
  // setup() has put suite()/test() on globalThis; only now may the suites be evaluated.
  require('./web.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The launcher trusts only this line: an extension host that dies mid-run must not look green.
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} web integration test(s) failed`));
      else resolve();
    });
  });
}

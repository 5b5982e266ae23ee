// extensionTestsPath entry: VS Code calls run(); a rejected promise makes the test run fail.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, grep: process.env.SOURCE_ANNOTATOR_TEST_GREP || undefined });
  // The suites are bundled into this file; load them once mocha has put suite()/test() in scope.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  require('./editor.test');
  require('./tags.test');
  require('./corpus.test');
  require('./badinput.test');
  require('./l10n.test');
  require('./learning.test');
  require('./cache.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The launcher trusts only this line: an extension host that dies mid-run must not look green.
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}

// extensionTestsPath entry: VS Code calls run(); a rejected promise makes the test run fail.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false });
  // The suites are bundled into this file; load them once mocha has put suite()/test() in scope.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  require('./editor.test');
  require('./tags.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}

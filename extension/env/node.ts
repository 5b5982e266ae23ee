import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** The researcher's name for new tags when the setting is empty: git's user.name, else the login name. */
export function defaultAuthor(cwd: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (error, stdout) => {
      const name = error ? '' : stdout.trim();
      if (name) return resolve(name);
      try {
        resolve(userInfo().username || 'anonymous');
      } catch {
        resolve('anonymous');
      }
    });
  });
}

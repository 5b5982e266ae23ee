import type { CliCommand } from './command';
import { run as agree } from './commands/agree';
import { run as compare } from './commands/compare';
import { run as db } from './commands/db';
import { run as detect } from './commands/detect';
import { run as exportTags } from './commands/export';
import { exportWorker, inWorker } from './commands/export-run';
import { run as importTags } from './commands/import';
import { run as mergeDriver } from './commands/merge-driver';
import { run as validate } from './commands/validate';

/** Each sub-command takes its own arguments, resolves to the process exit code and carries its usage text. */
const COMMANDS: Record<string, CliCommand> = {
  detect,
  export: exportTags,
  import: importTags,
  validate,
  agree,
  compare,
  db,
  'merge-driver': mergeDriver,
};

/** Every command with every option: the commands' own usage texts, so this list cannot fall behind them. */
function usage(): string {
  return [
    'usage: source-annotator COMMAND [ARGS]   (COMMAND --help shows one command)',
    '',
    ...Object.values(COMMANDS).map((c) => c.usage + '\n'),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`source-annotator: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command(args);
}

// The exit code is set, not forced with process.exit: output to a pipe is written asynchronously
// beyond the pipe's buffer (64 KB), and exiting at once would cut it off (`detect --json | jq`).
if (inWorker()) exportWorker();
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`source-annotator: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );

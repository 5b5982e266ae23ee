import { run as agree } from './commands/agree';
import { run as compare } from './commands/compare';
import { run as db } from './commands/db';
import { run as detect } from './commands/detect';
import { run as exportTags } from './commands/export';
import { run as importTags } from './commands/import';
import { run as mergeDriver } from './commands/merge-driver';
import { run as validate } from './commands/validate';

/** Each sub-command takes its own arguments and resolves to the process exit code. */
const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; summary: string }> = {
  agree: { run: agree, summary: 'agree A.tags.json B.tags.json [--article FILE] | agree DIR_A DIR_B   kappa, AC1, span F1 and disagreements between two annotators' },
  compare: { run: compare, summary: 'compare "A" "B" | compare --pairs FILE.tsv | compare --rank CLAIMS.tsv QUERIES.tsv   same claim, contradiction, or claim retrieval (TREC run)' },
  db: { run: db, summary: 'db DIR --out FILE [--workers N]   the corpus as an SQLite database for pandas, R and DuckDB (docs/database.md)' },
  detect: { run: detect, summary: 'detect FILE_OR_DIR... [--json | --jsonl]   entities and claims found by the detector' },
  export: { run: exportTags, summary: 'export DIR --format FORMAT --out PATH   tags to csv|jsonl|w3c|brat|conll|spacy|labelstudio' },
  import: { run: importTags, summary: 'import DIR --format brat|w3c|labelstudio [--from PATH]   tags into sidecars' },
  'merge-driver': { run: mergeDriver, summary: 'merge-driver %O %A %B   git merge driver for *.tags.json (see docs/team.md)' },
  validate: { run: validate, summary: 'validate DIR   check every sidecar against the schema and its article' },
};

function usage(): string {
  return ['usage: source-annotator COMMAND [ARGS]', '', ...Object.values(COMMANDS).map((c) => '  ' + c.summary)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`source-annotator: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(args);
}

// The exit code is set, not forced with process.exit: output to a pipe is written asynchronously
// beyond the pipe's buffer (64 KB), and exiting at once would cut it off (`detect --json | jq`).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`source-annotator: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

/** A mistake in how a command was called: reported with the usage text and exit code 2. */
export class UsageError extends Error {}

/**
 * Wraps a sub-command's body with what every command does alike: `--help`, usage errors (exit 2)
 * and any other failure as one line on stderr (exit 1), never a stack trace.
 */
export type CliCommand = ((args: string[]) => Promise<number>) & { readonly usage: string };

export function cliCommand(name: string, usage: string, body: (args: string[]) => number | Promise<number>): CliCommand {
  const run = async (args: string[]): Promise<number> => {
    if (args.includes('--help') || args.includes('-h')) {
      console.log(usage);
      return 0;
    }
    try {
      return await body(args);
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(`source-annotator ${name}: ${error.message}\n${usage}`);
        return 2;
      }
      console.error(`source-annotator ${name}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  };
  return Object.assign(run, { usage });
}

/** source-annotator detect: not built yet. */
export async function run(_args: string[]): Promise<number> {
  console.error('source-annotator detect: not available in this build yet');
  return 2;
}

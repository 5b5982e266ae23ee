/**
 * Whether a file is read as Markdown or plain text, from its name: `.md` and `.markdown`, in any case, are
 * Markdown (as VS Code's Markdown mode has them). An open document goes by its language mode instead.
 */
export function formatOfPath(path: string): 'markdown' | 'plaintext' {
  return /\.(?:md|markdown)$/i.test(path) ? 'markdown' : 'plaintext';
}

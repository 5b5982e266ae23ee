/** In the browser there is no git or login name to ask: tags are signed "anonymous" unless the setting names someone. */
export function defaultAuthor(_cwd: string | undefined): Promise<string> {
  return Promise.resolve('anonymous');
}

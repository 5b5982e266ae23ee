/** A piece of an article: UTF-16 code unit offsets into its text, end exclusive, and the text there. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

// Offsets in YAML text, for edits that change one entry of a policy file and keep every other byte
// (comments, quoting, layout) as the person who wrote it left it. Node ranges come from `yaml`.

/** The column (0-based) of `offset` on its line. */
export function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** Where the line holding `offset` ends, after its newline; `offset` itself when it is at a line start. */
export function lineEnd(text: string, offset: number): number {
  const back = text.lastIndexOf("\n", offset - 1);
  if (back >= 0 && text.slice(back + 1, offset).trim() === "") return back + 1;
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

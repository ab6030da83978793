// Keeps rendered bodies under GitHub's limit (65,536 characters for issue and comment bodies;
// invariant 7). Length is counted in UTF-16 code units (`String.length`), which is never less than
// the number of characters GitHub counts, so a body that fits here fits there. The cut is at a line
// boundary when one is available, never leaves a code fence open, and ends with a visible note.

export const GITHUB_BODY_MAX = 65_536;

export interface FitOptions {
  max?: number;
  /** Where the full text lives, named in the note: "incidents/<id>.yaml". */
  recordPath?: string;
}

interface Fence {
  char: string;
  length: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

export function fitBody(markdown: string, opts: FitOptions = {}): string {
  const max = opts.max ?? GITHUB_BODY_MAX;
  if (markdown.length <= max) return markdown;
  // The note's number has at most as many digits as the body's length.
  const reserve = note(markdown.length, opts.recordPath).length + 2 * 80 + 8;
  const budget = Math.max(0, max - reserve);
  let kept = cutAt(markdown, budget);
  const fence = openFence(kept);
  kept = kept.replace(/\s+$/, "");
  const closing = fence ? `\n${fence.char.repeat(fence.length)}` : "";
  const out = `${kept}${closing}\n\n${note(markdown.length - kept.length, opts.recordPath)}`;
  return out.length <= max ? out : out.slice(0, max); // only when max is absurdly small
}

function note(truncated: number, recordPath?: string): string {
  const where = recordPath ? `; the full record is ${recordPath.replace(/[^A-Za-z0-9._/-]/g, "")}` : "";
  return `---\n**… ${truncated.toLocaleString("en-US")} characters truncated${where}**`;
}

/** The longest prefix ending at a line break within `budget`; a hard cut if there is none. */
function cutAt(text: string, budget: number): string {
  const nl = text.lastIndexOf("\n", budget);
  if (nl > budget / 2) return text.slice(0, nl);
  let end = budget;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // never split a surrogate pair
  let prefix = text.slice(0, end);
  // Never leave half an escape: a dangling backslash or a partial entity / zero width space pair.
  prefix = prefix.replace(/&[A-Za-z0-9#]*$/, "").replace(/\\+$/, (s) => (s.length % 2 === 0 ? s : s.slice(1)));
  return prefix;
}

/** The code fence still open at the end of `text`, if any (CommonMark fence rules). */
export function openFence(text: string): Fence | null {
  let open: Fence | null = null;
  for (const line of text.split("\n")) {
    const m = FENCE.exec(line);
    if (!m?.[1]) continue;
    const run = m[1];
    const char = run[0] ?? "`";
    if (!open) {
      if (char === "`" && (m[2] ?? "").includes("`")) continue; // not a fence: info string has a backtick
      open = { char, length: run.length };
    } else if (char === open.char && run.length >= open.length && (m[2] ?? "").trim() === "") {
      open = null;
    }
  }
  return open;
}

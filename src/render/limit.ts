// Fits text to GitHub's limits (src/github/limits.ts; invariant 7), in one way: a cut on a grapheme
// boundary (`Intl.Segmenter`), so no emoji, ZWJ sequence, flag or combining mark is ever split,
// followed by a visible marker. `fitText` serves titles, labels and descriptions; `fitBody` serves
// markdown bodies: it prefers a line boundary, never leaves a code fence open, and ends with a note
// saying how much was cut. Lengths are counted in the limit's unit (UTF-16 code units for GitHub's
// "characters", never fewer than the code points GitHub counts; UTF-8 bytes where GitHub counts bytes).
import { GITHUB_LIMITS, measure, type LimitName, type LimitUnit } from "../github/limits.js";

export const GITHUB_BODY_MAX = GITHUB_LIMITS.body.max;

/** The marker `fitText` ends a cut text with. */
export const ELLIPSIS = "…";

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * The longest prefix of `text` that ends on a grapheme boundary and measures at most `budget` in
 * `unit`. Never splits a surrogate pair, a ZWJ sequence, a flag or a base and its combining marks.
 */
export function graphemePrefix(text: string, budget: number, unit: LimitUnit = "utf16"): string {
  if (measure(text, unit) <= budget) return text;
  let end = 0;
  let used = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    const size = measure(segment, unit);
    if (used + size > budget) break;
    used += size;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

export interface FitTextOptions {
  unit?: LimitUnit;
  /** Appended when the text is cut; default "…". */
  marker?: string;
}

/**
 * `text` unchanged when it measures at most `max`; otherwise its longest grapheme-boundary prefix
 * (trailing whitespace dropped) followed by the marker, the whole measuring at most `max`.
 */
export function fitText(text: string, max: number, opts: FitTextOptions = {}): string {
  const unit = opts.unit ?? "utf16";
  if (measure(text, unit) <= max) return text;
  const marker = opts.marker ?? ELLIPSIS;
  const room = max - measure(marker, unit);
  if (room <= 0) return graphemePrefix(marker, max, unit);
  return `${graphemePrefix(text, room, unit).trimEnd()}${marker}`;
}

/** `fitText` against one of GitHub's limits by name (`"title"`, `"labelName"`, `"statusDescription"`, …). */
export function fitTo(limit: LimitName, text: string, marker?: string): string {
  const { max, unit } = GITHUB_LIMITS[limit];
  return fitText(text, max, { unit, ...(marker === undefined ? {} : { marker }) });
}

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
  return out.length <= max ? out : graphemePrefix(out, max); // only when max is absurdly small
}

function note(truncated: number, recordPath?: string): string {
  const where = recordPath ? `; the full record is ${recordPath.replace(/[^A-Za-z0-9._/-]/g, "")}` : "";
  return `---\n**… ${truncated.toLocaleString("en-US")} characters truncated${where}**`;
}

/** The longest prefix ending at a line break within `budget`; a hard cut if there is none. */
function cutAt(text: string, budget: number): string {
  const nl = text.lastIndexOf("\n", budget);
  if (nl > budget / 2) return text.slice(0, nl);
  let prefix = graphemePrefix(text, budget);
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

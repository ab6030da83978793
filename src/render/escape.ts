// Escaping of untrusted text (alert labels and annotations, comment bodies, issue titles, user
// summaries) for GitHub-flavoured markdown. Invariant 4: such text renders as inert characters —
// no markdown structure, no raw HTML (so no `<!-- … -->` and no forged hidden markers), no
// @-mention that notifies, no #123 cross-reference that back-links.
//
// How the two GitHub-specific hazards are defused, and why this way:
// - Mentions and references are found by GitHub *after* markdown rendering, on HTML text nodes
//   (html-pipeline's MentionFilter / issue filters; they skip text inside pre, code and a). So an
//   entity such as `&#64;user` does NOT help: it decodes to "@user" before the mention filter
//   runs, and notifies. A literal U+200B ZERO WIDTH SPACE after every `@` and `#` (the technique
//   Renovate uses) survives rendering, displays as a visible "@name"/"#12" and matches neither
//   the mention nor the reference pattern. `GH-12` gets the space before its dash.
// - Full issue/PR/discussion URLs make GitHub add a "mentioned this" cross-reference to the target.
//   Untrusted text may show them, but as plain text: a zero width space after the scheme's colon
//   (or in `www.`) stops autolinking, and with it the back-reference. Other URLs stay autolinkable;
//   commit SHAs may still be linked, which notifies nobody.
// Code blocks need no mention breaking (GitHub ignores text under pre/code, see above), so
// commands copied out of them stay byte-exact; they only lose NUL/bidi and `<!--`.

import { fitText } from "./limit.js";

export const ZWSP = "\u200B";

/** C0 controls except tab/newline, DEL, C1 controls, bidi embeddings/overrides/isolates, BOM. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/g;

/** Characters escaped with a backslash wherever they appear (CommonMark allows it for any ASCII punctuation). */
const ALWAYS = new Set(["\\", "`", "*", "_", "[", "]", "(", ")", "!", "|", "~", "#", "$"]);
const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
/** Block syntax that only matters at the start of a line: list, setext heading, thematic break. */
const LINE_START = /^([-+=])/;
const ORDERED_LIST = /^(\d{1,9})([.)])/;
const ISSUE_PATH = String.raw`[^\s/]+\/[^\s/]+\/[^\s/]+\/(?:issues|pull|pulls|discussions)\/\d`;
const ISSUE_URL = new RegExp(String.raw`\b(https?):(?=\/\/${ISSUE_PATH})`, "gi");
const ISSUE_WWW = new RegExp(String.raw`\b(www)\.(?=${ISSUE_PATH})`, "gi");

export const INLINE_MAX = 2_000;
export const CELL_MAX = 200;
export const TEXT_MAX = 10_000;

/** Removes control characters, bidi controls and BOM; tabs become spaces, CR/CRLF become LF. */
export function clean(text: string): string {
  return String(text).replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(CONTROL, "");
}

/** Cuts to `max` UTF-16 code units on a grapheme boundary, ending with "…" when cut (`fitText`). */
export function clip(text: string, max: number): string {
  return fitText(text, max);
}

/**
 * Breaks every @-mention and issue/PR reference GitHub would find in `text` (`@user`, `#12`,
 * `owner/repo#12`, `GH-12`, issue and pull-request URLs) with a zero width space, so that nobody is
 * notified, nothing is cross-referenced, and a closing keyword ("fixes #1") has nothing to close.
 * The text still reads the same. Used for markdown (inside `inline`) and for titles, which GitHub
 * does not render as markdown but does scan for references (and squash merges copy into commits).
 */
export function breakReferences(text: string): string {
  return text
    .replace(ISSUE_URL, `$1:${ZWSP}`)
    .replace(ISSUE_WWW, `$1${ZWSP}.`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZWSP}-`)
    .replace(/[@#]/g, (c) => c + ZWSP);
}

/** Escapes one line that has no newlines left; the line-start rules assume it may begin a line. */
function escapeLine(line: string): string {
  const text = breakReferences(line);
  let out = "";
  for (const c of text) out += HTML[c] ?? (ALWAYS.has(c) ? `\\${c}` : c);
  return out.replace(LINE_START, "\\$1").replace(ORDERED_LIST, "$1\\$2");
}

/**
 * Untrusted text inside a paragraph, heading, list item or table cell: one line (whitespace runs,
 * newlines included, become one space), markdown and HTML inert, mentions and references broken,
 * at most `max` characters of the original text (then "…").
 */
export function inline(text: string, max = INLINE_MAX): string {
  return escapeLine(clip(clean(text).replace(/\s+/g, " ").trim(), max));
}

/** A GFM table cell: `inline` (which already escapes `|` and removes newlines) with a tighter bound. */
export function cell(text: string, max = CELL_MAX): string {
  const out = inline(text, max);
  return out === "" ? " " : out;
}

/**
 * Untrusted multi-line prose (an /update summary, an impact statement): every line escaped like
 * `inline`, leading indentation dropped (no indented code), line breaks kept as hard breaks, runs
 * of blank lines folded into one paragraph break.
 */
export function multiline(text: string, max = TEXT_MAX): string {
  const lines = clip(clean(text), max)
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim());
  const paragraphs: string[][] = [[]];
  for (const l of lines) {
    const current = paragraphs[paragraphs.length - 1] ?? [];
    if (l === "") {
      if (current.length > 0) paragraphs.push([]);
    } else current.push(escapeLine(l));
  }
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join("\\\n"))
    .join("\n\n");
}

/**
 * A fenced code block that the text cannot close: the fence is one backtick longer than the
 * longest backtick run inside (and at least three). Content is kept verbatim except control and
 * bidi characters, and `<!--` gets a zero width space so no hidden marker can appear in the raw body.
 */
export function codeBlock(text: string, lang = ""): string {
  const body = clean(text).replace(/[\u2028\u2029]/g, "\n").replace(/<!--/g, `<${ZWSP}!--`).replace(/\n+$/, "");
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const info = (/^[A-Za-z0-9_+.-]*/.exec(lang)?.[0] ?? "").slice(0, 32);
  return `${fence}${info}\n${body}\n${fence}`;
}

/** A GitHub login or team shown without notifying anyone: visible "@name", no mention. */
export function login(name: string): string {
  const n = clean(name).trim().replace(/^@/, "");
  return n === "" ? "" : inline(`@${n}`, 100);
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\/[A-Za-z0-9][A-Za-z0-9_-]{0,99})?$/;

/**
 * A real, notifying mention, for logins that come from our own policy (rotations, teams), never
 * from payloads. Throws on anything that is not a valid login or `org/team` slug.
 */
export function mention(name: string): string {
  const n = name.replace(/^@/, "");
  if (!LOGIN.test(n)) throw new Error(`not a GitHub login or org/team: ${JSON.stringify(name)}`);
  return `@${n}`;
}

/**
 * An http(s) URL from a payload (an alert's generatorURL) as an autolink `<…>`, or plain inline
 * text when it is not a plain http(s) URL or points at a GitHub issue/PR (to avoid a cross-reference).
 */
export function url(text: string): string {
  const u = clean(text).trim();
  if (!/^https?:\/\/[^\s<>]+$/i.test(u) || u.length > 2_000) return inline(u);
  ISSUE_URL.lastIndex = 0;
  if (ISSUE_URL.test(u)) return inline(u);
  return `<${u.replace(/[`"'()[\]\\|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}>`;
}

const COMMIT_UNSAFE = /[^A-Za-z0-9 ._:/-]+/g;

/**
 * Text for a commit message: only `[A-Za-z0-9 ._:/-]`, one line, at most `max` characters. No `#`
 * and no `@` survive, URL schemes (`://`) and `GH-12` are broken, so a closing keyword ("fixes",
 * "closes", "resolves") that happens to be in the text has no reference to act on.
 */
export function commitSafe(text: string, max = 100): string {
  const safe = clean(text)
    .replace(COMMIT_UNSAFE, " ")
    .replace(/:\/\//g, " ")
    .replace(/\b(GH)-(?=\d)/gi, "$1 ")
    .replace(/\s+/g, " ")
    .trim();
  return safe.length > max ? safe.slice(0, max).trimEnd() : safe;
}

/**
 * Untrusted text as an inline code span (one line; the delimiter is longer than any backtick run
 * inside). Nothing inside a code span is markdown, a mention or a reference; `<!--` is still broken.
 */
export function codeSpan(text: string, max = INLINE_MAX): string {
  const body = clip(clean(text).replace(/\s+/g, " ").trim(), max).replace(/<!--/g, `<${ZWSP}!--`);
  if (body === "") return "";
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const tick = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${tick}${pad}${body}${pad}${tick}`;
}

/**
 * A code span inside a GFM table cell. GFM splits cells at every unescaped `|`, code spans
 * included, and a `\|` inside the span renders as `|` (GFM spec, "Tables", example 200).
 */
export function cellCode(text: string, max = INLINE_MAX): string {
  return codeSpan(text, max).replace(/\|/g, "\\|");
}

/**
 * A labelled link `[label](<url>)` to an http(s) URL from a payload or policy (a runbook, a
 * dashboard). The label is escaped like `inline`; the URL is kept only when it is a plain http(s)
 * URL that is not a GitHub issue or pull request (those would cross-reference), and its characters
 * that could end the destination are percent-encoded. Anything else renders as escaped text.
 * Repository paths (`/policies/runbooks/x.md`) are allowed too: GitHub resolves a link that starts
 * with `/` against the repository's default branch.
 */
export function link(label: string, target: string): string {
  const text = inline(label, 100);
  const u = clean(target).trim();
  const repoPath = /^\/[A-Za-z0-9._\-/]+$/.test(u) && !u.includes("..") && !u.startsWith("//");
  ISSUE_URL.lastIndex = 0;
  const web = /^https?:\/\/[^\s<>]+$/i.test(u) && u.length <= 2_000 && !ISSUE_URL.test(u);
  if (!repoPath && !web) return `${text} (${inline(u, 200)})`;
  return `[${text}](<${u.replace(/[`"'()[\]\\|<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}>)`;
}

// Alertmanager's classic matcher grammar (pkg/labels/parse.go, the only grammar before 0.27 and the
// one that wins in its default "fallback" mode since). Facts it implements, each covered by
// matcher-syntax.test.ts:
// - one leading `{` and one trailing `}` are stripped, exactly as written (no whitespace trimming
//   first); the rest is split at commas outside double quotes, where a quote preceded by an odd
//   run of backslashes does not count; the last part is trimmed and dropped when empty, so one
//   trailing comma is allowed;
// - each part is `name op value` with the name `[a-zA-Z_:][a-zA-Z0-9_:]*`, the operator `=~`, `=`,
//   `!=` or `!~` (in that order of preference), and ASCII whitespace (`\t \n \f \r` and space)
//   around every token ignored; an unquoted value keeps inner spaces and loses trailing ones;
// - in the value `\"`, `\\` and `\n` are escapes; any other backslash is kept literally (so the
//   regex `db\d+\.prod` stays `db\d+\.prod`); a `"` must be escaped unless it closes an opening one.
import type { Matcher } from "../config/types.js";
import { MatcherSyntaxError, newMatcher } from "./matcher-error.js";

// The grammar of one part. Lazy value then greedy trailing whitespace: the value ends before it.
const PART = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

/** Parses a comma-separated list of matchers the classic way. Throws MatcherSyntaxError. */
export function parseClassicMatchers(text: string): Matcher[] {
  let s = text;
  let offset = 0;
  if (s.startsWith("{")) {
    s = s.slice(1);
    offset = 1;
  }
  if (s.endsWith("}")) s = s.slice(0, -1);
  const parts: { text: string; at: number }[] = [];
  let inside = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "," && !inside) {
      parts.push({ text: s.slice(start, i), at: start });
      start = i + 1;
      continue;
    }
    if (c === '"') {
      if (!escaped) inside = !inside;
      else escaped = false;
    } else if (c === "\\") escaped = !escaped;
    else if (c !== ",") escaped = false; // a comma inside quotes leaves a pending escape pending
  }
  const last = trimGoSpace(s.slice(start));
  if (last !== "") parts.push({ text: last, at: start + s.slice(start).indexOf(last) });
  return parts.map((p) => parseClassicMatcher(p.text, offset + p.at));
}

/** One `name op value`, the classic way; `at` is its offset in the whole text, for errors. */
export function parseClassicMatcher(part: string, at = 0): Matcher {
  const m = PART.exec(part);
  if (!m) throw new MatcherSyntaxError(`bad matcher format: ${part}`, at);
  const [, label = "", op = "=", raw = ""] = m;
  const valueAt = at + part.replace(/[\t\n\f\r ]+$/, "").length - raw.length;
  let quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  let value = "";
  let escaped = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (escaped) {
      escaped = false;
      value += c === "n" ? "\n" : c === '"' || c === "\\" ? c : `\\${c}`;
      continue;
    }
    if (c === "\\") {
      if (i < body.length - 1) escaped = true;
      else value += "\\"; // a backslash as the last character is literal
    } else if (c === '"') {
      if (!quoted || i < body.length - 1) throw new MatcherSyntaxError(`matcher value contains unescaped double quote: ${raw}`, valueAt);
      quoted = false;
    } else value += c;
  }
  if (quoted) throw new MatcherSyntaxError(`matcher value contains unescaped double quote: ${raw}`, valueAt);
  return newMatcher(label, op as Matcher["op"], value, valueAt);
}

/** Go's strings.TrimSpace: Unicode white space at both ends. */
export function trimGoSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Go's unicode.IsSpace (White_Space): not JavaScript's \s, which adds U+FEFF and lacks U+0085. */
export function isGoSpace(code: number): boolean {
  if (code <= 0xff) return (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0x85 || code === 0xa0;
  return code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

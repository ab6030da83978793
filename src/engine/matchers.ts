// Label matchers with Alertmanager's semantics: `=`, `!=`, `=~`, `!~`; regexes are RE2, anchored at
// both ends (regex.ts); a label that is missing has the value "". Label sets are looked up by own
// property only, so `constructor` or `__proto__` are labels like any other, never Object.prototype.
// Also the parser for the string form, with Alertmanager's grammars (matcher-classic.ts,
// matcher-utf8.ts) combined as its default "fallback" mode combines them.
import type { Matcher } from "../config/types.js";
import { parseClassicMatchers } from "./matcher-classic.js";
import { MatcherSyntaxError } from "./matcher-error.js";
import { parseUtf8Matchers } from "./matcher-utf8.js";
import { compileRegex } from "./regex.js";

export { MatcherSyntaxError } from "./matcher-error.js";
export { compileRegex, regexError } from "./regex.js";

export type MatcherOp = Matcher["op"];
export type Labels = Readonly<Record<string, string>>;

/** The value of a label, "" when the label set does not have it (Alertmanager's rule). */
export function labelValue(labels: Labels, name: string): string {
  return Object.hasOwn(labels, name) ? (labels[name] as string) : "";
}

/** The value of a label, or undefined when the label set does not have it as its own property. */
export function ownLabel(labels: Labels, name: string): string | undefined {
  return Object.hasOwn(labels, name) ? labels[name] : undefined;
}

export function matches(m: Matcher, labels: Labels): boolean {
  const value = labelValue(labels, m.label);
  switch (m.op) {
    case "=":
      return value === m.value;
    case "!=":
      return value !== m.value;
    case "=~":
      return compileRegex(m.value).test(value);
    case "!~":
      return !compileRegex(m.value).test(value);
  }
}

/** All matchers match (an empty list matches everything, as in Alertmanager). */
export function matchesAll(ms: readonly Matcher[], labels: Labels): boolean {
  for (const m of ms) if (!matches(m, labels)) return false;
  return true;
}

const CLASSIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Alertmanager's own form (Matcher.String): the value in double quotes, `\`, `"` and line feeds escaped. */
export function formatMatcher(m: Matcher): string {
  const name = CLASSIC_NAME.test(m.label) ? m.label : `"${goEscape(m.label)}"`;
  return `${name}${m.op}"${openMetricsEscape(m.value)}"`;
}

export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(", ")}}`;
}

function openMetricsEscape(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/** Quoting for the UTF-8 grammar (a Go string literal): the label names the classic grammar cannot write. */
function goEscape(v: string): string {
  return v.replace(/[\\"\n\r\t]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\${c}`));
}

export type MatcherGrammar = "fallback" | "classic" | "utf8";

/**
 * Parses `{a="b", c=~"d|e"}` (braces optional) as Alertmanager parses a `matchers` line. The
 * default, "fallback", is Alertmanager's default since 0.27 and agrees with every earlier release:
 * the classic grammar's result whenever it accepts the text, else the UTF-8 grammar's. Regexes
 * are compiled here. Throws MatcherSyntaxError (the classic grammar's message when both refuse).
 */
export function parseMatchers(text: string, grammar: MatcherGrammar = "fallback"): Matcher[] {
  if (grammar === "classic") return parseClassicMatchers(text);
  if (grammar === "utf8") return parseUtf8Matchers(text);
  try {
    return parseClassicMatchers(text);
  } catch (classic) {
    if (!(classic instanceof MatcherSyntaxError)) throw classic;
    try {
      return parseUtf8Matchers(text);
    } catch (utf8) {
      if (!(utf8 instanceof MatcherSyntaxError)) throw utf8;
      throw classic;
    }
  }
}

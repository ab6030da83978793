// Label matchers with Alertmanager's semantics: `=`, `!=`, `=~`, `!~`; regexes anchored at both
// ends (`^(?:re)$`); a label that is missing has the value "". Also the parser for the string form
// `{service="api", severity=~"critical|warning"}`, with positions in its errors.
import type { Matcher } from "../config/types.js";

export type MatcherOp = Matcher["op"];
export type Labels = Readonly<Record<string, string>>;

const regexCache = new Map<string, RegExp>();

/**
 * The anchored JavaScript RegExp for an Alertmanager (RE2) pattern. A leading `(?i)` flag, common in
 * Alertmanager configs, becomes the `i` flag. Throws SyntaxError for an invalid pattern.
 */
export function compileRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    const insensitive = pattern.startsWith("(?i)");
    re = new RegExp(`^(?:${insensitive ? pattern.slice(4) : pattern})$`, insensitive ? "i" : "");
    regexCache.set(pattern, re);
  }
  return re;
}

/** The error message for an invalid regex, or null when it compiles. */
export function regexError(pattern: string): string | null {
  try {
    compileRegex(pattern);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function matches(m: Matcher, labels: Labels): boolean {
  const value = labels[m.label] ?? "";
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

export function formatMatcher(m: Matcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

export function formatMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatMatcher).join(", ")}}`;
}

export class MatcherSyntaxError extends Error {
  override readonly name = "MatcherSyntaxError";
  /** 0-based offset into the text. */
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const UNQUOTED = /[^\s{},="'!~`]+/y;
const OPS: readonly MatcherOp[] = ["=~", "!~", "!=", "="];

/**
 * Parses `{a="b", c=~"d|e"}`; braces are optional, a trailing comma is allowed, values may be
 * unquoted when they contain no special characters. Regexes are checked here. Throws MatcherSyntaxError.
 */
export function parseMatchers(text: string): Matcher[] {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new MatcherSyntaxError(`${message} at character ${at + 1} of ${JSON.stringify(text)}`, at);
  };
  const quoted = (): string => {
    const start = i;
    i++; // opening quote
    let out = "";
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next === undefined) fail("unterminated escape");
        out += next === "n" ? "\n" : next === "t" ? "\t" : next;
        i += 2;
      } else out += text[i++];
    }
    if (i >= text.length) fail("unterminated quoted string", start);
    i++;
    return out;
  };
  ws();
  const braced = text[i] === "{";
  if (braced) i++;
  const out: Matcher[] = [];
  for (;;) {
    ws();
    if (i >= text.length || text[i] === "}") break;
    let label: string;
    if (text[i] === '"') label = quoted();
    else {
      NAME.lastIndex = i;
      const m = NAME.exec(text);
      if (!m) fail(`expected a label name, found ${JSON.stringify(text[i])}`);
      label = (m as RegExpExecArray)[0];
      i = NAME.lastIndex;
    }
    ws();
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) fail(`expected one of = != =~ !~ after label ${JSON.stringify(label)}`);
    i += (op as string).length;
    ws();
    const valueAt = i;
    let value: string;
    if (text[i] === '"') value = quoted();
    else {
      UNQUOTED.lastIndex = i;
      const m = UNQUOTED.exec(text);
      value = m ? m[0] : "";
      i = m ? UNQUOTED.lastIndex : i;
    }
    const matcher: Matcher = { label, op: op as MatcherOp, value };
    if (matcher.op === "=~" || matcher.op === "!~") {
      const err = regexError(value);
      if (err) fail(`invalid regular expression ${JSON.stringify(value)}: ${err}`, valueAt);
    }
    out.push(matcher);
    ws();
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (i >= text.length || text[i] === "}") break;
    fail(`expected "," or ${braced ? '"}"' : "the end"}, found ${JSON.stringify(text[i])}`);
  }
  if (braced) {
    if (text[i] !== "}") fail('expected "}"');
    i++;
  } else if (text[i] === "}") fail('unexpected "}" without "{"');
  ws();
  if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the matchers`);
  return out;
}

// Alertmanager's UTF-8 matcher grammar (matcher/parse, 0.27 and later). Facts it implements, each
// covered by matcher-syntax.test.ts:
// - tokens: `{` `}` `,` the operators `=` `=~` `!=` `!~` (a `!` must be followed by `=` or `~`),
//   double-quoted strings, and unquoted runs of anything but white space and `{}!=~,\"'` and the
//   backtick; white space (Go's unicode.IsSpace) between tokens is skipped; any other character is
//   invalid input;
// - quoted strings are Go string literals: `\a \b \f \n \r \t \v \\ \"`, `\xHH`, octal `\ooo`,
//   `\uHHHH`, `\UHHHHHHHH`; a raw line feed, `\'` or an unknown escape is an error, and the result
//   must be valid UTF-8;
// - label names may be quoted (any UTF-8) or unquoted; values likewise;
// - an optional `{` needs its `}` and a `}` needs its `{`; matchers are separated by commas, one
//   trailing comma is allowed, and nothing may follow the closing brace.
import type { Matcher } from "../config/types.js";
import { isGoSpace } from "./matcher-classic.js";
import { MatcherSyntaxError, newMatcher } from "./matcher-error.js";

type Kind = "{" | "}" | "," | "op" | "quoted" | "unquoted";
interface Token {
  kind: Kind;
  text: string;
  at: number;
}

const RESERVED = new Set(["{", "}", "!", "=", "~", ",", "\\", '"', "'", "`"]);
const isReserved = (c: string): boolean => RESERVED.has(c) || isGoSpace(c.codePointAt(0) ?? 0);

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = String.fromCodePoint(input.codePointAt(i) as number);
    const start = i;
    if (c === "{" || c === "}" || c === ",") {
      out.push({ kind: c, text: c, at: i++ });
    } else if (c === "=" || c === "!") {
      const next = input[i + 1];
      if (c === "!" && next !== "=" && next !== "~") throw new MatcherSyntaxError(`${i}:${i + 1}: expected one of '=~' after '!'`, i);
      const len = next === "~" || (c === "!" && next === "=") ? 2 : 1;
      out.push({ kind: "op", text: input.slice(i, i + len), at: i });
      i += len;
    } else if (c === '"') {
      let escaped = false;
      i++;
      for (; i < input.length; i++) {
        const d = input[i];
        if (escaped) escaped = false;
        else if (d === "\\") escaped = true;
        else if (d === '"') break;
      }
      if (i >= input.length) throw new MatcherSyntaxError(`${start}:${i}: ${input.slice(start)}: missing end "`, start);
      out.push({ kind: "quoted", text: input.slice(start, ++i), at: start });
    } else if (isGoSpace(c.codePointAt(0) as number)) {
      i += c.length;
    } else if (!isReserved(c)) {
      while (i < input.length) {
        const d = String.fromCodePoint(input.codePointAt(i) as number);
        if (isReserved(d)) break;
        i += d.length;
      }
      out.push({ kind: "unquoted", text: input.slice(start, i), at: start });
    } else throw new MatcherSyntaxError(`${i}:${i + 1}: ${c}: invalid input`, i);
  }
  return out;
}

/** Parses zero or more matchers with the UTF-8 grammar. Throws MatcherSyntaxError. */
export function parseUtf8Matchers(input: string): Matcher[] {
  const tokens = tokenize(input);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const fail = (t: Token | undefined, expected: string): never => {
    if (!t) throw new MatcherSyntaxError(`unexpected end of input, ${expected}`, input.length);
    throw new MatcherSyntaxError(`${t.at}: unexpected ${t.text}: ${expected}`, t.at);
  };
  const out: Matcher[] = [];
  if (tokens.length === 0) return out;
  const braced = peek()?.kind === "{";
  if (braced) p++;
  const closeBrace = (): void => {
    const t = peek();
    if (braced) {
      if (t?.kind !== "}") fail(t, "expected close brace");
      p++;
    } else if (t?.kind === "}") throw new MatcherSyntaxError(`${t.at}: }: expected opening brace`, t.at);
    if (p < tokens.length) fail(peek(), "expected end of input");
  };
  if (!(braced && (peek() === undefined || peek()?.kind === "}"))) {
    for (;;) {
      const name = peek();
      if (name?.kind !== "quoted" && name?.kind !== "unquoted") return fail(name, "expected label name");
      p++;
      const op = peek();
      if (op?.kind !== "op") return fail(op, "expected an operator such as '=', '!=', '=~' or '!~'");
      p++;
      const value = peek();
      if (value?.kind !== "quoted" && value?.kind !== "unquoted") return fail(value, "expected label value");
      p++;
      out.push(newMatcher(unquote(name), op.text as Matcher["op"], unquote(value), value.at));
      const after = peek();
      if (after === undefined || after.kind === "}") break;
      if (after.kind !== ",") fail(after, "expected a comma or close brace");
      p++;
      const next = peek();
      if (next === undefined || next.kind === "}") break;
      if (next.kind !== "quoted" && next.kind !== "unquoted") fail(next, "expected a matcher or close brace after comma");
    }
  }
  closeBrace();
  return out;
}

function unquote(t: Token): string {
  if (t.kind !== "quoted") return t.text;
  const value = goUnquote(t.text.slice(1, -1));
  if (value === null) throw new MatcherSyntaxError(`${t.at}: ${t.text}: invalid input`, t.at);
  return value;
}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, '"': 34 };

/** The body of a Go double-quoted string literal (strconv.Unquote), or null when Go refuses it. */
function goUnquote(body: string): string | null {
  if (body.includes("\n")) return null;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const pushText = (s: string): void => void bytes.push(...encoder.encode(s));
  for (let i = 0; i < body.length; ) {
    const c = body[i] as string;
    if (c !== "\\") {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      if (cp >= 0xd800 && cp <= 0xdfff) return null; // a lone surrogate is not UTF-8
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE) {
      bytes.push(SIMPLE[e] as number);
      i += 2;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) return null;
      const v = parseInt(hex, 16);
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
      else pushText(String.fromCodePoint(v));
      i += 2 + n;
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return null;
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else return null;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null; // "quoted string contains invalid UTF-8 code points"
  }
}

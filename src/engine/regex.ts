// Regular expressions from policy, with the semantics Alertmanager gives them: RE2 syntax (Go's
// `regexp` package, through re2js, a port of RE2), anchored at both ends as `^(?:pattern)$`
// (pkg/labels/matcher.go NewMatcher, config.Regexp). JavaScript's RegExp is never used for policy
// regexes: it reads `[[:alpha:]]`, `\pL`, `\z`, `\Q…\E`, `(?U)` and `(?i)` in the middle differently
// or not at all, folds case differently (RE2 folds `ſ` to `s`), treats `.` and `\s` differently,
// and accepts lookaround and backreferences, which Alertmanager refuses.
import { RE2JS } from "re2js";

/** A compiled, anchored policy regex. */
export interface PolicyRegex {
  /** True when the whole value matches (RE2 semantics). */
  test(value: string): boolean;
}

// Every pattern comes from policy files (validated at load), so the set is small and fixed for a
// process: compiling each once is what Alertmanager does when it loads its configuration.
const compiled = new Map<string, PolicyRegex>();

/**
 * The anchored RE2 regex for an Alertmanager pattern, compiled once per pattern.
 * Throws RegexSyntaxError with RE2's message (`error parsing regexp: …`) for what Alertmanager refuses.
 */
export function compileRegex(pattern: string): PolicyRegex {
  let re = compiled.get(pattern);
  if (!re) {
    const problem = goOnlyProblem(pattern);
    if (problem) throw new RegexSyntaxError(problem);
    try {
      re = literalAlternation(pattern) ?? RE2JS.compile(`^(?:${pattern})$`);
    } catch (e) {
      throw new RegexSyntaxError(e instanceof Error ? e.message : String(e));
    }
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * The common `prod|production` and `api`: without any RE2 metacharacter, the anchored pattern
 * matches exactly its alternatives, so a set lookup gives RE2's answer without running it.
 */
function literalAlternation(pattern: string): PolicyRegex | null {
  if (/[\\.+*?()[\]{}^$]/.test(pattern)) return null;
  const alternatives = new Set(pattern.split("|"));
  return { test: (value) => alternatives.has(value) };
}

export class RegexSyntaxError extends Error {
  override readonly name = "RegexSyntaxError";
}

/** RE2's message for a pattern Alertmanager refuses, or null when it compiles. */
export function regexError(pattern: string): string | null {
  try {
    compileRegex(pattern);
    return null;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return e.message;
    throw e;
  }
}

/**
 * re2js accepts `(?<name>…)`, which Go's regexp refused until Go 1.22; the Alertmanager releases
 * in Debian and most fleets refuse it, so a policy that uses it would not survive a round trip.
 * Scans the pattern outside `\Q…\E`, escapes and character classes.
 */
function goOnlyProblem(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      if (pattern[i + 1] === "Q") {
        const end = pattern.indexOf("\\E", i + 2);
        if (end < 0) return null; // \Q to the end is literal
        i = end + 1;
      } else i++;
      continue;
    }
    if (inClass) {
      if (c === "[" && pattern[i + 1] === ":") {
        const close = pattern.indexOf(":]", i + 2);
        if (close >= 0) i = close + 1;
      } else if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (pattern[i + 1] === "^") i++;
      if (pattern[i + 1] === "]") i++; // a leading ] is a literal
    } else if (c === "(" && pattern.startsWith("?<", i + 1) && pattern[i + 3] !== "=" && pattern[i + 3] !== "!") {
      const end = pattern.indexOf(">", i);
      return `error parsing regexp: invalid or unsupported Perl syntax: \`${pattern.slice(i, end < 0 ? i + 3 : end + 1)}\` (named groups are written (?P<name>…) in Alertmanager's RE2)`;
    }
  }
  return null;
}

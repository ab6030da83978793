// What both matcher grammars share: the syntax error with its offset, and building a matcher the
// way Alertmanager's NewMatcher does (a regex operator compiles its anchored RE2 pattern).
import type { Matcher } from "../config/types.js";
import { regexError } from "./regex.js";

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

/** A matcher; throws MatcherSyntaxError at `at` when a regex operator's pattern does not compile. */
export function newMatcher(label: string, op: Matcher["op"], value: string, at: number): Matcher {
  if (op === "=~" || op === "!~") {
    const err = regexError(value);
    if (err) throw new MatcherSyntaxError(`invalid regular expression ${JSON.stringify(value)}: ${err}`, at);
  }
  return { label, op, value };
}

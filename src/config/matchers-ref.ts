// Selector strings in policy files outside the engine's own (playbook `match`), parsed with the
// engine's matcher parser so there is one grammar and one set of error messages.
import { MatcherSyntaxError, parseMatchers } from "../engine/matchers.js";
import type { Matcher } from "./types.js";

export function parseMatcherList(text: string, onError: (message: string) => void): Matcher[] {
  try {
    return parseMatchers(text);
  } catch (e) {
    onError(e instanceof MatcherSyntaxError ? `invalid selector ${JSON.stringify(text)}: ${e.message}` : String(e));
    return [];
  }
}

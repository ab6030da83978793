// Matchers as written in policy YAML: a string in Alertmanager's form, or a list of such strings
// and {label, op, value} objects. Problems are reported at the matcher's position, never thrown.
import type { PolicyDocument, Reporter } from "../config/kinds.js";
import type { Matcher } from "../config/types.js";
import { MatcherSyntaxError, parseMatchers, regexError } from "./matchers.js";

type Path = readonly (string | number)[];

export function readMatchers(value: unknown, path: Path, doc: PolicyDocument, report: Reporter): Matcher[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return parseAt(value, path, doc, report);
  if (!Array.isArray(value)) return [];
  const out: Matcher[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === "string") out.push(...parseAt(item, [...path, i], doc, report));
    else if (typeof item === "object" && item !== null) {
      const o = item as { label: string; op?: Matcher["op"]; value: string };
      const m: Matcher = { label: o.label, op: o.op ?? "=", value: o.value };
      if (m.op === "=~" || m.op === "!~") {
        const err = regexError(m.value);
        if (err) report.error(doc.at([...path, i, "value"]), `invalid regular expression ${JSON.stringify(m.value)} for label ${m.label}: ${err}`);
      }
      out.push(m);
    }
  });
  return out;
}

function parseAt(text: string, path: Path, doc: PolicyDocument, report: Reporter): Matcher[] {
  try {
    return parseMatchers(text);
  } catch (e) {
    if (!(e instanceof MatcherSyntaxError)) throw e;
    const ref = doc.at(path);
    report.error(ref, `invalid matchers: ${e.message} (at character ${e.offset + 1}). Expected e.g. {alertname="HighErrorRate", service=~"api|web"}`);
    return [];
  }
}

/**
 * Alertmanager's legacy keys on `raw`: `match` (label → exact value) and `match_re` (label → regex,
 * anchored), under the key names given (`source_match`, …). Bad regexes are reported at their value.
 */
export function readLegacyMatch(raw: Record<string, unknown>, keys: { match: string; matchRe: string }, path: Path, doc: PolicyDocument, report: Reporter): Matcher[] {
  const out: Matcher[] = [];
  for (const [label, value] of Object.entries((raw[keys.match] ?? {}) as Record<string, string>)) out.push({ label, op: "=", value });
  for (const [label, value] of Object.entries((raw[keys.matchRe] ?? {}) as Record<string, string>)) {
    const err = regexError(value);
    if (err) report.error(doc.at([...path, keys.matchRe, label]), `invalid regular expression ${JSON.stringify(value)} for label ${label}: ${err}`);
    else out.push({ label, op: "=~", value });
  }
  return out;
}

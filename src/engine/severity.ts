// Severity order: P0 is the highest. Correlation only ever raises.
import type { Severity } from "../config/types.js";
import { SEVERITIES } from "../config/types.js";

export function isHigher(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) < SEVERITIES.indexOf(b);
}

export function highest(list: readonly Severity[], floor?: Severity): Severity {
  let best: Severity = floor ?? "P3";
  for (const s of list) if (isHigher(s, best)) best = s;
  return best;
}

// Does the imported rotation put the same person on call as PagerDuty's final schedule? Checked
// hour by hour over the span the export rendered, and at every instant an entry starts (where a
// handoff that is off by minutes would show). Pure.
import type { Rotation } from "../../config/types.js";
import { whoIsOnCall } from "../../oncall/rotation.js";
import type { PdEntry } from "./types.js";
import type { UserResolver } from "./schedule.js";

const HOUR = 3_600_000;

export interface Agreement {
  from: string | null;
  to: string | null;
  checked: number;
  agreed: number;
  /** The first disagreements, in time order. */
  differences: { at: string; pagerduty: string | null; imported: string | null }[];
}

export function agreement(rotation: Rotation, entries: readonly PdEntry[], resolve: UserResolver, keep = 10): Agreement {
  const spans = entries.map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end), login: e.user ? (resolve(e.user) ?? e.user.id) : null })).sort((a, b) => a.start - b.start);
  const first = spans[0];
  const last = spans.reduce((m, s) => Math.max(m, s.end), -Infinity);
  if (!first) return { from: null, to: null, checked: 0, agreed: 0, differences: [] };
  const expected = (t: number): string | null => spans.find((s) => s.start <= t && t < s.end)?.login ?? null;
  const instants = new Set<number>();
  for (let t = first.start; t < last; t += HOUR) instants.add(t);
  for (const s of spans) instants.add(s.start);
  const out: Agreement = { from: new Date(first.start).toISOString(), to: new Date(last).toISOString(), checked: 0, agreed: 0, differences: [] };
  for (const t of [...instants].sort((a, b) => a - b)) {
    const want = expected(t);
    const got = whoIsOnCall(rotation, t).primary;
    out.checked += 1;
    if (want === got) out.agreed += 1;
    else if (out.differences.length < keep) out.differences.push({ at: new Date(t).toISOString(), pagerduty: want, imported: got });
  }
  return out;
}

// Corrections of an incident's timestamps after the fact — when the impact really started, when it
// was really detected — made by a pull request that edits the record, so review and git history
// say who changed which number and why. Each change carries a `correction` entry in the timeline
// (which the issue body shows), and a change to the record that moves a timestamp without one, or
// rewrites the append-only timeline, is refused by the pull request's check. Pure.
import type { IncidentRecord, TimelineEntry } from "./record.js";

export const CORRECTABLE = ["started", "detected", "acknowledged", "mitigated", "resolved"] as const;
export type Correctable = (typeof CORRECTABLE)[number];

/** A correction that cannot be made: `field` names the flag or timestamp. */
export class CorrectionError extends Error {
  override readonly name = "CorrectionError";
}

/** The timeline text of a correction; the check recognises a correction by it. */
export function correctionText(field: Correctable, from: string | null, to: string, reason: string): string {
  return `timestamps.${field} corrected from ${from ?? "none"} to ${to}: ${reason}`;
}

const ORDER: readonly (readonly [Correctable, Correctable])[] = [
  ["started", "detected"],
  ["detected", "acknowledged"],
  ["started", "mitigated"],
  ["started", "resolved"],
  ["mitigated", "resolved"],
];

/**
 * The record with each timestamp set and a `correction` entry per change, by `by` at `now` (ISO).
 * Throws CorrectionError for a time that is not an ISO instant, an empty reason, a change to
 * nothing, or timestamps that would run backwards (started after detected, resolved before started…).
 */
export function correctTimestamps(record: IncidentRecord, changes: Partial<Record<Correctable, string>>, by: string, reason: string, now: string): IncidentRecord {
  if (reason.trim() === "") throw new CorrectionError("a correction needs a reason (--reason): the timeline shows it");
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(by)) throw new CorrectionError(`--by "${by}" is not a GitHub login`);
  const timestamps = { ...record.timestamps };
  const entries: TimelineEntry[] = [];
  for (const field of CORRECTABLE) {
    const value = changes[field];
    if (value === undefined) continue;
    if (!/(?:Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(Date.parse(value))) throw new CorrectionError(`--${field} "${value}" is not an ISO date-time with a zone (e.g. 2026-03-02T09:40:00Z)`);
    const to = new Date(Date.parse(value)).toISOString();
    const from = timestamps[field];
    if (from !== null && Date.parse(from) === Date.parse(to)) continue;
    timestamps[field] = to;
    entries.push({ at: now, actor: by, kind: "correction", text: correctionText(field, from, to, reason.trim()) });
  }
  if (entries.length === 0) throw new CorrectionError("nothing to correct: give at least one timestamp that differs from the record");
  for (const [a, b] of ORDER) {
    const x = timestamps[a];
    const y = timestamps[b];
    if (x !== null && y !== null && Date.parse(x) > Date.parse(y)) throw new CorrectionError(`${a} (${x}) would come after ${b} (${y})`);
  }
  return { ...record, timestamps, timeline: [...record.timeline, ...entries] };
}

const CORRECTION = /^timestamps\.([a-z]+) corrected from (\S+) to (\S+): \S/;

/** Both "none"/null, or the same instant however written. */
function sameInstant(a: string | null, b: string | null): boolean {
  const x = a === null || a === "none" ? null : Date.parse(a);
  const y = b === null || b === "none" ? null : Date.parse(b);
  return x === y || (x !== null && y !== null && !Number.isNaN(x) && x === y);
}

/** A problem with a change to a record, for the pull request's check. */
export interface RecordChangeProblem {
  id: string;
  message: string;
}

/**
 * What a change from `before` to `after` (the same incident) does to its timestamps: the
 * corrections it makes (timeline texts), and problems — a timestamp moved without its correction
 * entry, or the timeline's earlier entries edited or removed.
 */
export function reviewRecordChange(before: IncidentRecord, after: IncidentRecord): { corrections: string[]; problems: RecordChangeProblem[] } {
  const problems: RecordChangeProblem[] = [];
  const kept = before.timeline.every((e, i) => JSON.stringify(after.timeline[i]) === JSON.stringify(e));
  if (!kept) problems.push({ id: after.id, message: `the timeline of ${after.id} is append-only: the change edits or removes earlier entries` });
  const added = after.timeline.slice(before.timeline.length);
  const corrections = added.filter((e) => e.kind === "correction").map((e) => e.text);
  const stated = corrections.map((c) => CORRECTION.exec(c)).filter((m): m is RegExpExecArray => m !== null);
  for (const field of CORRECTABLE) {
    const from = before.timestamps[field];
    const to = after.timestamps[field];
    if (sameInstant(from, to)) continue;
    if (!stated.some((m) => m[1] === field && sameInstant(m[2] ?? null, from) && sameInstant(m[3] ?? null, to))) {
      problems.push({ id: after.id, message: `${after.id}: timestamps.${field} changes from ${from ?? "none"} to ${to ?? "none"} without a correction entry in the timeline saying why (\`incident correct ${after.id} --${field} … --reason …\` writes both)` });
    }
  }
  return { corrections, problems };
}

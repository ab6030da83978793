// The claim key: a random value the run that opens an incident writes into its record and into the
// hidden marker of the issue it creates. A marker is trusted only when the Action's own identity
// wrote it and it carries the record's claim, so nobody can make an issue pass for the next
// incident's by guessing its id (ids are predictable: the date and a counter).
import { createHash } from "node:crypto";
import { BOT_ACTOR } from "../render/issue-body.js";
import { withEntry } from "./draft.js";
import type { IncidentRecord } from "./record.js";

/** `seed` is the run's random value (the shell draws it; tests pin it): same seed and id, same key. */
export function claimKey(seed: string, incidentId: string): string {
  return createHash("sha256").update(`${seed}\u0000${incidentId}`).digest("base64url").slice(0, 22);
}

/**
 * Whether a run may open the issue of `record` now: nobody has yet, and the claim is this run's
 * (a re-run of the claiming run), was released by a run that failed, or is `staleAfterMs` old (its
 * run died without saying so).
 */
export function mayOpenIssue(record: IncidentRecord, runId: string | null, nowMs: number, staleAfterMs: number): boolean {
  if (record.links.issue !== null) return false;
  const claimedBy = record.links.openedBy;
  return claimedBy === null || claimedBy === runId || nowMs - Date.parse(record.timestamps.detected) >= staleAfterMs;
}

/**
 * A run that failed before its claimed incident had an issue gives the claim up, so the next alert
 * or the schedule backstop opens the issue at once instead of waiting for the claim to go stale.
 * The timeline says why. Null when there is nothing to release (the issue exists, or the claim is
 * another run's).
 */
export function releaseClaim(record: IncidentRecord, runId: string, now: string, why: string): IncidentRecord | null {
  if (record.links.issue !== null || record.links.openedBy !== runId) return null;
  const entry = { at: now, actor: BOT_ACTOR, kind: "note" as const, text: `Run ${runId} could not open the issue (${why}); the next run opens it` };
  return withEntry({ ...record, links: { ...record.links, openedBy: null } }, entry);
}

// One Plan per event: which door it came through, the decision and its reason (the Action's
// outputs and job summary), and the effects to execute, in order.
import type { IncidentSummary } from "../engine/summary.js";
import type { Effect } from "./effects.js";

/**
 * The ways an event reaches an incident; every door changes incidents through the same operations.
 * `policy-review` changes no incident: a pull request's policies replayed against the records.
 */
export const DOORS = ["alerts", "declaration", "command", "edit", "timer", "backstop", "postmortem", "policy-review"] as const;
export type Door = (typeof DOORS)[number];

/** What a run decided: the Action's `decision` output. */
export const DECISIONS = [
  "opened",
  "updated",
  "resolved",
  "replied",
  "ignored",
  "timer-acted",
  "timer-idle",
  "timer-deferred",
  "backstop-acted",
  "backstop-idle",
  "postmortem-opened",
  "postmortem-gate-passed",
  "postmortem-gate-failed",
  "postmortem-published",
  "dry-run",
  "not-handled",
  "failed",
  "policies-valid",
  "policies-invalid",
] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Plan {
  /** null: the event reaches no door (it is not one the Action acts on, or it could not be read). */
  door: Door | null;
  /** The run's one clock reading (ISO, UTC). */
  now: string;
  decision: Decision;
  reason: string;
  incidentIds: string[];
  effects: Effect[];
  /** Alert doors: one line per incident group, as classification, routing and correlation decided it. */
  incidents?: IncidentSummary[];
}

/** A Plan that changes nothing. */
export function emptyPlan(door: Door | null, now: string, decision: Decision, reason: string, incidentIds: string[] = []): Plan {
  return { door, now, decision, reason, incidentIds, effects: [] };
}

// Post-mortem pull requests: opened when an incident that needs one is resolved, gated by review,
// published on merge. (Wired with the post-mortem flow.)
import type { IncidentRecord } from "../../incident/record.js";
import type { RunContext, RunResult } from "../context.js";
import type { EventPayload } from "../event.js";

/** Opens the post-mortem pull request for a resolved incident when policy requires one (or `force`). */
export function startPostmortem(_ctx: RunContext, _record: IncidentRecord, _opts: { force: boolean }): Promise<void> {
  return Promise.resolve();
}

export function handlePullRequestEvent(_ctx: RunContext, eventName: string, p: EventPayload): Promise<RunResult> {
  return Promise.resolve({ decision: "not-handled", reason: `the ${eventName}.${p.action ?? ""} event is not handled by this version`, incidentIds: [] });
}

// Test fixtures for src/postmortem: the shipped policies, a resolved P1 whose root cause is a
// deployment and whose detection took 8 minutes, and a post-mortem the humans have filled in.
import type { IncidentRecord } from "../incident/record.js";
import { fixtureAlert, fixtureRecord } from "../render/fixtures.js";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import { generatePostmortem } from "./generate.js";

export const policies = shippedPolicies();
export const NOW = "2026-11-27T22:05:00Z";
export const EMPTY_HISTORY = { records: [], postmortems: [] };

export function resolvedP1(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return fixtureRecord({
    status: "resolved",
    service: "api",
    commander: "frank-example",
    alerts: [fixtureAlert({ endsAt: "2026-11-27T18:10:00Z" })],
    timestamps: {
      started: "2026-11-27T17:00:00Z",
      detected: "2026-11-27T17:08:00Z",
      acknowledged: "2026-11-27T17:12:00Z",
      mitigated: "2026-11-27T17:40:00Z",
      resolved: "2026-11-27T18:15:00Z",
      closed: null,
    },
    rootCause: { category: "deployment", text: "The 14:02 deployment of the gateway shipped a bad retry config." },
    timeline: [
      { at: "2026-11-27T17:08:00Z", actor: "incident-as-code", kind: "opened", text: "Opened P1 incident from HighErrorRate" },
      { at: "2026-11-27T17:11:00Z", actor: "incident-as-code", kind: "escalation", text: "Escalated to the secondary (no ack in 3m)" },
      { at: "2026-11-27T17:12:00Z", actor: "frank-example", kind: "status", text: "triggered → acknowledged" },
      { at: "2026-11-27T17:40:00Z", actor: "frank-example", kind: "note", text: "Rolled back the gateway deployment" },
      { at: "2026-11-27T18:15:00Z", actor: "frank-example", kind: "status", text: "monitoring → resolved" },
    ],
    ...over,
  });
}

/** What reviewers do before approving: every placeholder replaced with prose. */
export function fillIn(markdown: string): string {
  return markdown.replace(/^(.*)_TODO: [^\n]*$/gm, "$1Written by the team during review.");
}

export function filledPostmortem(record: IncidentRecord = resolvedP1()): string {
  return fillIn(generatePostmortem(record, policies, { now: NOW, history: EMPTY_HISTORY }).content);
}

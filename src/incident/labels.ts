// The issue labels that mirror an incident record. Labels under our prefixes, and our flags, are
// ours to set; every other label on the issue (added by people or other tools) is kept as it is.
import { labelName } from "../render/title.js";
import type { IncidentRecord } from "./record.js";

export const ESCALATED_LABEL = "escalated";
export const SLA_BREACHED_LABEL = "sla:breached";

const MANAGED = /^(?:severity|status|service|team|type):/;
const FLAGS: readonly string[] = [ESCALATED_LABEL, SLA_BREACHED_LABEL];

export function isManagedLabel(label: string): boolean {
  return MANAGED.test(label) || FLAGS.includes(label);
}

/** Our labels for `r`: a function of the record alone (the escalated and SLA flags included). */
export function recordLabels(r: IncidentRecord): string[] {
  return [
    "incident",
    `severity:${r.severity}`,
    `status:${r.status}`,
    // Names come from policy and payloads: each is fitted to GitHub's 50-character label limit.
    ...(r.service ? [labelName("service", r.service)] : []),
    ...(r.team ? [labelName("team", r.team)] : []),
    ...(r.type ? [labelName("type", r.type)] : []),
    ...(r.escalation.stepsFired > 0 ? [ESCALATED_LABEL] : []),
    ...(r.timeline.some((e) => e.kind === "sla") ? [SLA_BREACHED_LABEL] : []),
  ];
}

/** The labels with `ours` in place of the managed ones: everyone else's kept, order stable. */
export function mergeLabels(current: readonly string[], ours: readonly string[]): string[] {
  const kept = current.filter((l) => !isManagedLabel(l) && !ours.some((o) => o.toLowerCase() === l.toLowerCase()));
  return [...ours, ...kept];
}

export function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  const norm = (l: readonly string[]) => [...new Set(l.map((x) => x.toLowerCase()))].sort().join("\n");
  return norm(a) === norm(b);
}

// The issue labels that mirror an incident record. Labels under our prefixes are ours to set;
// every other label on the issue (added by people or other tools) is kept as it is.
import { labelName } from "../render/title.js";
import type { IncidentRecord } from "./record.js";

const MANAGED = /^(?:severity|status|service|team|type):/;

export function recordLabels(r: IncidentRecord): string[] {
  return [
    "incident",
    `severity:${r.severity}`,
    `status:${r.status}`,
    // Names come from policy and payloads: each is fitted to GitHub's 50-character label limit.
    ...(r.service ? [labelName("service", r.service)] : []),
    ...(r.team ? [labelName("team", r.team)] : []),
    ...(r.type ? [labelName("type", r.type)] : []),
  ];
}

/** The labels after mirroring `r`: ours replaced, everyone else's kept, order stable. */
export function mergeLabels(current: readonly string[], r: IncidentRecord): string[] {
  const ours = recordLabels(r);
  const kept = current.filter((l) => !MANAGED.test(l) && !ours.includes(l));
  return [...ours, ...kept];
}

export function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}

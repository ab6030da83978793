// The labels incident-as-code puts on issues and pull requests, with colours and descriptions. One
// must exist before anything runs: `incident:declared`, which the issue form adds — GitHub adds a
// form's labels only if they already exist in the repository (docs: "Syntax for issue forms",
// top-level `labels`), so without it issues declared from the form are never picked up. The API
// creates the others on first use, grey and undescribed; creating them up front gives them colours.
import type { Policies } from "../config/types.js";
import { STATUSES } from "../incident/record.js";
import { labelName } from "../render/title.js";

export interface LabelSpec {
  name: string;
  color: string; // 6 hex digits, no #
  description: string;
  /** Must exist before the first run (nothing creates it on use). */
  required: boolean;
}

const SEVERITY_COLORS: Record<string, string> = { P0: "b60205", P1: "d93f0b", P2: "fbca04", P3: "0e8a16" };

/** Every label the product uses with these policies, named as the issues get them (render/title.ts `labelName`: GitHub caps names at 50 characters). */
export function productLabels(policies: Pick<Policies, "severities" | "services" | "teams">): LabelSpec[] {
  const out: LabelSpec[] = [
    { name: "incident:declared", color: "b60205", description: "Declared by hand from the issue form; incident-as-code takes it over", required: true },
    { name: "incident", color: "b60205", description: "An incident managed by incident-as-code", required: false },
    ...Object.values(policies.severities).map((s) => ({ name: `severity:${s.id}`, color: SEVERITY_COLORS[s.id] ?? "ededed", description: `${s.id}: ${s.name}`, required: false })),
    ...STATUSES.map((s) => ({ name: `status:${s}`, color: "c5def5", description: `Incident status: ${s}`, required: false })),
    ...Object.keys(policies.services).map((id) => ({ name: labelName("service", id), color: "bfdadc", description: `Incident on ${policies.services[id]?.name ?? id}`, required: false })),
    ...Object.keys(policies.teams).map((id) => ({ name: labelName("team", id), color: "d4c5f9", description: `Owned by team ${policies.teams[id]?.name ?? id}`, required: false })),
    { name: "escalated", color: "e99695", description: "Escalated: nobody acknowledged in time", required: false },
    { name: "sla:breached", color: "b60205", description: "The resolution target was missed", required: false },
    { name: "postmortem:approved", color: "0e8a16", description: "The post-mortem passed its review gate", required: false },
    { name: "action-item", color: "1d76db", description: "Follow-up from a post-mortem", required: false },
    ...["High", "Medium", "Low"].map((p) => ({ name: `priority:${p}`, color: "fef2c0", description: `Action item priority: ${p}`, required: false })),
  ];
  return out.filter((l) => l.name.length <= 50).map((l) => ({ ...l, description: l.description.slice(0, 100) }));
}

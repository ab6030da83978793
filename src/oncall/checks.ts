// Cross-reference checks for the on-call files, run once every policy file is loaded: coverage
// gaps, colliding overrides, names that point nowhere, and escalation steps that can never page.
import type { CrossCheck, RefIndex } from "../config/kinds.js";
import { unknownName } from "../config/files/cross-checks.js";
import { formatDuration } from "../render/format.js";
import type { EscalationTarget, Policies, SourceRef } from "../config/types.js";
import { SEVERITIES } from "../config/types.js";
import { gapMessage, overlappingOverrides } from "./coverage.js";

const COMMANDERS = "oncall/commanders.yaml";
const ESCALATION = "escalation.yaml";

function at(p: Policies, refs: RefIndex, file: string, path: (string | number)[]): SourceRef {
  return refs.doc(`${p.root}/${file}`)?.at(path) ?? { file: `${p.root}/${file}`, line: 1, column: 1 };
}

const coverage: CrossCheck = (p, report) => {
  for (const r of Object.values(p.rotations)) {
    if (r.allowGaps || r.layers.length === 0 || r.layers.some((l) => l.members.length === 0)) continue;
    const message = gapMessage(r);
    if (message) report.error(r.source, `${message}; cover it with another layer or set allow_gaps: true if that is intended`);
  }
};

const overrides: CrossCheck = (p, report) => {
  for (const r of Object.values(p.rotations)) {
    for (const [a, b, i, j] of overlappingOverrides(r)) {
      report.warn(b.source, `rotation ${r.id}: overrides #${i + 1} (${a.member}) and #${j + 1} (${b.member}) overlap as ${a.role}; the later one, #${j + 1}, wins from ${b.start} to ${b.end}`);
    }
  }
};

const commanders: CrossCheck = (p, report, refs) => {
  const c = p.commanders;
  if (!p.rotations[c.rotation]) report.error(at(p, refs, COMMANDERS, ["rotation"]), `commander ${unknownName("rotation", c.rotation, Object.keys(p.rotations))}`);
  const team = p.teams[c.securityLead];
  if (!team) report.error(at(p, refs, COMMANDERS, ["security_lead_team"]), unknownName("team", c.securityLead, Object.keys(p.teams)));
  else if (team.lead === null) report.error(at(p, refs, COMMANDERS, ["security_lead_team"]), `team ${team.id} has no lead, so security incidents would get no security lead: set its lead in teams.yaml`);
};

/** Why a target can never page anyone, or null. */
function deadTarget(p: Policies, t: EscalationTarget): string | null {
  if (t.kind === "rotation") {
    if (t.id === "routed") return null;
    const r = p.rotations[t.id];
    if (!r) return unknownName("rotation", t.id, Object.keys(p.rotations));
    const people = new Set(r.layers.flatMap((l) => l.members)).size;
    if (t.role === "secondary" && people < 2) return `rotation ${t.id} has ${people} member, so it never has a secondary`;
    return null;
  }
  if (t.kind === "team") {
    const team = p.teams[t.id];
    if (!team) return unknownName("team", t.id, Object.keys(p.teams));
    if (t.lead && team.lead === null) return `team ${t.id} has no lead`;
  }
  return null;
}

const escalation: CrossCheck = (p, report, refs) => {
  const { policies, bySeverity } = p.escalation;
  const used = new Set(Object.values(bySeverity));
  const walk = (node: Policies["routing"]["tree"] | undefined): void => {
    if (!node) return;
    if (node.escalationPolicy) used.add(node.escalationPolicy);
    node.routes.forEach(walk);
  };
  walk((p as Partial<Policies>).routing?.tree);
  for (const pol of Object.values(policies)) {
    if (!used.has(pol.id)) report.warn(pol.source, `escalation policy ${pol.id} is unreachable: no severity in by_severity and no route uses it`);
    pol.steps.forEach((s, i) => {
      s.targets.forEach((t, k) => {
        const dead = deadTarget(p, t);
        if (dead) report.error(at(p, refs, ESCALATION, ["policies", pol.id, "steps", i, "targets", k]), `escalation policy ${pol.id} step ${i + 1} can never page this target: ${dead}`);
      });
    });
    pol.fallback.forEach((t, k) => {
      const dead = deadTarget(p, t);
      if (dead) report.error(at(p, refs, ESCALATION, ["policies", pol.id, "fallback", "targets", k]), `escalation policy ${pol.id} fallback can never page this target: ${dead}`);
    });
  }
  // The requirements' per-severity timing lives in severities.yaml; the policies must agree with it.
  for (const sev of SEVERITIES) {
    const level = (p as Partial<Policies>).severities?.[sev];
    const pol = policies[bySeverity[sev]];
    if (!level || !pol) continue;
    const second = pol.steps[1];
    const e = level.escalation;
    const agrees =
      e.kind === "immediate" ? pol.steps[0]?.delay === 0 && pol.steps[0].nextBusinessDay === false
      : e.kind === "after" ? second !== undefined && !second.nextBusinessDay && second.delay === e.after
      : pol.steps.some((s) => s.nextBusinessDay);
    if (!agrees) {
      const said = e.kind === "after" ? `after ${formatDuration(e.after)}` : e.kind === "immediate" ? "immediately" : "on the next business day";
      report.warn(at(p, refs, ESCALATION, ["by_severity", sev]), `severities.yaml says ${sev} escalates ${said}, but escalation policy ${pol.id} does not (its second step is when it escalates)`);
    }
  }
};

export const oncallCrossChecks: CrossCheck[] = [coverage, overrides, commanders, escalation];

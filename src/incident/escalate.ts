// Firing escalation steps, the operation behind the timer (an unacknowledged incident past its
// deadline) and /escalate (a responder asks for the next step now). Firing pages the step's people
// — a notice for their channels and a comment that mentions them — assigns them, and records how
// far the schedule has got so no step fires twice (the issue's `escalated` label follows from that).
import type { EscalationTarget, Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import { resolveTarget, type EscalationIncident } from "../oncall/escalation.js";
import { inline, login, mention } from "../render/index.js";
import { escalationPolicyFor, ms } from "./deadlines.js";
import { addComment, addNotice, because, withEntry, type Draft } from "./draft.js";
import type { IncidentRecord } from "./record.js";

export interface EscalationStepRef {
  index: number; // position in the policy's schedule
  round: number;
  step: number | "fallback";
  targets: readonly EscalationTarget[];
}

export interface EscalationContext {
  policies: Policies;
  onCall: OnCall;
  now: string;
  actor: string; // who escalated: a login, or BOT_ACTOR for the timer
  why: string; // trusted text: why this fires now
}

/**
 * Logins for the targets at `now`. Rotations go through the OnCall port (so tests and the shell
 * agree on who is on call); teams, people and the commander come from policy and the record.
 */
export function resolveLogins(targets: readonly EscalationTarget[], record: IncidentRecord, ctx: Pick<EscalationContext, "policies" | "onCall" | "now">): { logins: string[]; missing: string[] } {
  const logins: string[] = [];
  const missing: string[] = [];
  const at = new Date(ms(ctx.now));
  const incident: EscalationIncident = {
    severity: record.severity,
    triggeredAt: record.timestamps.detected,
    acknowledgedAt: record.timestamps.acknowledged,
    escalationsFired: record.escalation.stepsFired,
    rotation: record.rotation,
    commander: record.commander,
  };
  for (const t of targets) {
    if (t.kind === "rotation") {
      const id = t.id === "routed" ? record.rotation : t.id;
      const role = t.role ?? "primary";
      const found = id === null ? [] : [role !== "secondary" ? ctx.onCall.primary(id, at) : null, role !== "primary" ? ctx.onCall.secondary(id, at) : null].filter((l): l is string => l !== null);
      if (found.length === 0) missing.push(id === null ? "the incident has no routed rotation" : `nobody on call in ${id}`);
      logins.push(...found);
    } else {
      const r = resolveTarget(t, incident, ctx.policies, at.getTime());
      if (r.logins.length === 0) missing.push(r.reason);
      logins.push(...r.logins);
    }
  }
  return { logins: [...new Set(logins)], missing };
}

/** Applies `steps` (in schedule order) to the draft: people, record, label, one paging comment. */
export function fireEscalation(draft: Draft, steps: readonly EscalationStepRef[], ctx: EscalationContext): Draft {
  const last = steps[steps.length - 1];
  if (!last) return draft;
  const record = draft.record;
  const policyId = escalationPolicyFor(record, ctx.policies)?.id ?? "escalation";
  const { logins, missing } = resolveLogins(
    steps.flatMap((s) => s.targets),
    record,
    ctx,
  );
  const stepNames = steps.map((s) => (s.step === "fallback" ? "fallback" : `step ${s.step + 1}${s.round > 0 ? ` (repeat ${s.round})` : ""}`)).join(", ");
  const responders = [...record.responders, ...logins.filter((l) => l !== record.commander && !record.responders.includes(l))];
  const updated = withEntry(
    { ...record, responders, escalation: { stepsFired: Math.max(record.escalation.stepsFired, last.index + 1), lastEscalatedAt: ctx.now } },
    { at: ctx.now, actor: ctx.actor, kind: "escalation", text: `Escalated (${policyId} ${stepNames}) to ${logins.length > 0 ? logins.join(", ") : "nobody"}: ${ctx.why}` },
  );
  const body = [
    `**Escalation** · ${inline(`${record.severity} ${policyId} ${stepNames}`)}`,
    "",
    ctx.why,
    "",
    logins.length > 0 ? `${logins.map(pageMention).join(" ")}: please look at this incident and acknowledge with \`/ack\`.` : "Nobody could be paged for this step.",
    ...(missing.length > 0 ? ["", `Not paged: ${inline(missing.join("; "))}.`] : []),
  ].join("\n");
  const next = addNotice(because({ ...draft, record: updated }, `escalated (${stepNames})`), "escalate", last.step === "fallback" ? {} : { escalationStep: last.step + 1 }, logins);
  return addComment(next, { key: `escalation:${last.index}`, body, reason: `escalate ${record.id}: ${policyId} ${stepNames}` });
}

// Logins here come from policy or the on-call port (or a validated /commander login), so a real
// mention is intended; anything that is not a plain login is shown without notifying.
export function pageMention(name: string): string {
  try {
    return mention(name);
  } catch {
    return login(name);
  }
}

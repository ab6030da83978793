// The alerts door: alerts (and declarations, which become alerts) → the Plan. The engine classifies,
// routes and correlates them into steps per incident group; each step is carried out with the same
// operations every other door uses — opening, attaching alerts, raising the severity (with the new
// severity's escalation policy and audience), reopening and resolving through the state machine,
// notes — and each changed incident ends in `finish`, so the issue always shows its record.
import type { Alert } from "../../alerts/types.js";
import type { Policies } from "../../config/types.js";
import { decide } from "../../engine/decide.js";
import type { OnCall } from "../../engine/oncall-port.js";
import { summariseVerdict } from "../../engine/summary.js";
import type { AlertStep } from "../../engine/verdict.js";
import type { Effect } from "../../plan/effects.js";
import { orderEffects } from "../../plan/order.js";
import type { Decision, Door, Plan } from "../../plan/plan.js";
import { BOT_ACTOR } from "../../render/index.js";
import { claimKey, mayOpenIssue } from "../claim.js";
import { draftOf, type Draft, type OpContext } from "../draft.js";
import { finish, type IssueFacts } from "../finish.js";
import { attachAlerts, openIncident } from "../operations-alerts.js";
import { changeSeverity, note, reopen, resolve } from "../operations.js";
import { nextIncidentId } from "../paths.js";
import type { IncidentRecord } from "../record.js";
import { openIncidents } from "../view.js";
import { missingIssue } from "./backstop.js";

export interface AlertsInput {
  door: Extract<Door, "alerts" | "declaration">;
  alerts: readonly Alert[];
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO: the run's one clock reading
  /** The live records (incidents alerts can still join). */
  records: ReadonlyMap<string, IncidentRecord>;
  /** Every id already used on the day of `now`, archived ones included: new ids follow them. */
  usedIds: readonly string[];
  /** The workflow run: it claims the incidents it opens and creates their issues. */
  runId: string;
  /** The run's random seed for claim keys. */
  seed: string;
  /** An issue a person opened from the incident form: the incident it declares adopts it. */
  existingIssue?: { number: number; facts: IssueFacts };
  /** A claim this old whose run did not create the issue is taken over (its run died). */
  staleAfterMs: number;
}

interface Touched {
  before: IncidentRecord | null;
  draft: Draft;
}

export function alertsDoor(input: AlertsInput): Plan {
  const { policies, now } = input;
  const views = openIncidents(input.records.values());
  const verdict = decide(input.alerts, policies, views, new Date(now), input.onCall);
  const ctx: OpContext = { policies, onCall: input.onCall, now, actor: BOT_ACTOR };
  const touched = new Map<string, Touched>();
  const byGroup = new Map<string, string>(); // group key → id opened by this run
  const used = [...input.usedIds];
  let adopt = input.existingIssue && ![...input.records.values()].some((r) => r.links.issue === input.existingIssue?.number) ? input.existingIssue : undefined;

  const at = (step: Exclude<AlertStep, { kind: "incident.open" | "alerts.ignore" }>): Touched | undefined => {
    const id = step.incidentId || byGroup.get(step.groupKey) || "";
    let t = touched.get(id);
    if (!t) {
      const record = input.records.get(id);
      if (!record) return undefined;
      touched.set(id, (t = { before: record, draft: draftOf(record) }));
    }
    return t;
  };
  const step = (t: Touched | undefined, f: (d: Draft) => { draft: Draft } | { reply: string }): void => {
    if (!t) return;
    const r = f(t.draft);
    if ("draft" in r) t.draft = r.draft;
  };

  for (const s of verdict.steps) {
    switch (s.kind) {
      case "incident.open": {
        const id = nextIncidentId(used, now);
        used.push(id);
        byGroup.set(s.groupKey, id);
        const issue = adopt?.number ?? null;
        touched.set(id, { before: null, draft: openIncident(s, { id, claim: claimKey(input.seed, id), runId: input.runId, issue }, ctx) });
        adopt = undefined;
        break;
      }
      case "incident.append": {
        const t = at(s);
        if (t) t.draft = attachAlerts(t.draft, s.alerts, ctx);
        break;
      }
      case "incident.reopen":
        step(at(s), (d) => reopen(d, s.reason, ctx));
        break;
      case "incident.raise-severity":
        step(at(s), (d) => changeSeverity(d, s.to, s.reason, ctx));
        break;
      case "incident.resolve":
        step(at(s), (d) => resolve(d, "every alert is resolved (correlation.auto_resolve)", ctx));
        break;
      case "incident.note":
        step(at(s), (d) => note(d, s.text, ctx, true));
        break;
      case "alerts.ignore":
        break;
    }
  }

  const effects: Effect[] = [];
  const changed: IncidentRecord[] = [];
  const latest = new Map(input.records);
  for (const t of touched.values()) {
    const adopted = t.before === null && t.draft.record.links.issue !== null ? input.existingIssue?.facts : undefined;
    const done = finish(t.before, t.draft, { policies, onCall: input.onCall, now, ...(adopted ? { issue: adopted } : {}) });
    if (done.record) {
      changed.push(done.record);
      if (t.before !== null) latest.set(done.record.id, done.record);
    }
    effects.push(...done.effects);
  }
  // This run's own claims (a re-run after a failure) and claims whose run died: their issues now,
  // rendered from the record as this plan leaves it.
  const nowMs = Date.parse(now);
  const healed: string[] = [];
  for (const r of latest.values()) {
    if (effects.some((e) => e.kind === "issue.create" && e.incidentId === r.id)) continue;
    if (!mayOpenIssue(r, input.runId, nowMs, input.staleAfterMs)) continue;
    effects.push(...missingIssue(r, { policies, onCall: input.onCall, now }));
    if (!effects.some((e) => e.kind === "record.settle" && e.incidentId === r.id)) effects.push({ kind: "record.settle", incidentId: r.id, reason: `link the issue of ${r.id}` });
    if (!changed.some((c) => c.id === r.id)) changed.push(r);
    healed.push(`${r.id} had no issue yet (${r.links.openedBy === null ? "its claim was released" : `claimed by run ${r.links.openedBy}`}): opening it`);
  }
  const opened = [...touched.values()].filter((t) => t.before === null).length;
  const decision: Decision = opened > 0 || effects.some((e) => e.kind === "issue.create") ? "opened" : changed.length === 0 ? "ignored" : changed.every((r) => r.status === "resolved") ? "resolved" : "updated";
  const reasons = [...verdict.steps.filter((s) => (decision === "ignored") === (s.kind === "alerts.ignore")).map((s) => s.reason), ...healed];
  return {
    door: input.door,
    now,
    decision,
    reason: reasons.join("; ") || "nothing to do",
    incidentIds: changed.map((r) => r.id),
    effects: orderEffects(effects),
    incidents: summariseVerdict(verdict, views),
  };
}

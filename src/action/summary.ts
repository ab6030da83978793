// Every run ends with a decision and a reason — in the step outputs and in the job summary — and
// with the Plan it executed, effect by effect with its outcome (a notification not sent — its
// channel's secret is not set, or the receiver failed — says so: nothing is dropped silently).
import * as core from "@actions/core";
import type { OutputName } from "./contract.js";
import type { ExecutionLog } from "../plan/log.js";
import type { Plan } from "../plan/plan.js";

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** GitHub caps a job's outputs at 1 MB: a storm's Plan keeps its effects and reasons, not every alert. */
const MAX_PLAN_OUTPUT = 256 * 1024;

/**
 * The `plan` output: the Plan as data, and `executed`, what became of each effect (follow-ups such
 * as a settle's refresh or a post-mortem included); records are cut down when it would not fit.
 */
export function planOutput(plan: Plan, log?: ExecutionLog): string {
  const executed = log?.applied ?? [];
  const full = JSON.stringify({ ...plan, executed });
  if (full.length <= MAX_PLAN_OUTPUT) return full;
  const effects = plan.effects.map((e) => (e.kind === "record.write" ? { ...e, record: { id: e.record.id, alerts: e.record.alerts.length, truncated: "the record is in git" } } : e));
  const compact = JSON.stringify({ ...plan, effects, executed, incidents: undefined, truncated: "records are summarised; the full records are in git" });
  return compact.length <= MAX_PLAN_OUTPUT ? compact : JSON.stringify({ door: plan.door, now: plan.now, decision: plan.decision, reason: plan.reason.slice(0, 10_000), incidentIds: plan.incidentIds, effects: plan.effects.map((e) => e.kind), truncated: "too large for a step output; see the job summary" });
}

function output(name: OutputName, value: string): void {
  core.setOutput(name, value);
}

export async function report(plan: Plan, extra: { log?: ExecutionLog; failures?: string[]; raw?: string } = {}): Promise<void> {
  output("decision", plan.decision);
  output("reason", plan.reason);
  output("incident-ids", plan.incidentIds.join(","));
  output("plan", planOutput(plan, extra.log));
  const s = core.summary.addHeading(`incident-as-code: ${esc(plan.decision)}`, 2).addRaw(`<p>${esc(plan.reason)}</p>`, true);
  const issues = extra.log?.issues ?? new Map<string, number>();
  if (plan.incidentIds.length > 0) {
    s.addTable([
      [
        { data: "Incident", header: true },
        { data: "Issue", header: true },
      ],
      ...plan.incidentIds.map((id) => [id, issues.has(id) ? `#${issues.get(id)}` : ""]),
    ]);
  }
  for (const f of extra.failures ?? []) s.addRaw(`<p><strong>Failed:</strong> ${esc(f)}</p>`, true);
  const applied = extra.log?.applied ?? [];
  if (applied.length > 0) {
    const rows = applied.slice(0, 500).map((a) => [esc(a.kind), esc(a.outcome), esc(`${a.reason}${a.detail ? ` — ${a.detail}` : ""}`.slice(0, 1000))]);
    s.addTable([[{ data: "Effect", header: true }, { data: "Outcome", header: true }, { data: "Why", header: true }], ...rows]);
    const unsent = applied.filter((a) => a.outcome === "no-sender").length;
    if (unsent > 0) s.addRaw(`<p>${unsent} notification(s) were not sent: their channel's secret is not set, so its GitHub-native fallback stands (the issue's mentions and assignees).</p>`, true);
    const failed = applied.filter((a) => a.kind === "notify.send" && a.outcome === "failed").length;
    if (failed > 0) s.addRaw(`<p><strong>${failed} notification(s) failed</strong>; the schedule backstop tries those a receiver may still take again.</p>`, true);
  }
  if (extra.raw) s.addDetails("Raw payload (kept so nothing is lost)", `<pre>${esc(extra.raw.slice(0, 60_000))}</pre>`);
  s.addDetails("Plan", `<pre>${esc(JSON.stringify(plan, null, 2).slice(0, 200_000))}</pre>`);
  await s.write();
}

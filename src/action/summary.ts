// Every run ends with a decision and a reason: in the step outputs and in the job summary.
import * as core from "@actions/core";
import type { RunResult } from "./context.js";

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** GitHub caps a job's outputs at 1 MB: a storm's Plan keeps its effects and reasons, not every alert. */
const MAX_PLAN_OUTPUT = 256 * 1024;

export function planOutput(result: RunResult): string {
  const full = JSON.stringify(result.plan ?? null);
  if (full.length <= MAX_PLAN_OUTPUT || !result.plan) return full;
  const effects = result.plan.effects.map((e) => ("alerts" in e ? { ...e, alerts: e.alerts.length } : e));
  const compact = JSON.stringify({ now: result.plan.now, effects, decisions: result.plan.decisions.length, truncated: "alerts and decisions are counted, not listed" });
  return compact.length <= MAX_PLAN_OUTPUT ? compact : JSON.stringify({ now: result.plan.now, effects: effects.length, truncated: "too large for a step output; see the job summary" });
}

export async function report(result: RunResult, extra: { failures?: string[]; raw?: string } = {}): Promise<void> {
  core.setOutput("decision", result.decision);
  core.setOutput("reason", result.reason);
  core.setOutput("incident-ids", result.incidentIds.join(","));
  core.setOutput("plan", planOutput(result));
  const s = core.summary.addHeading(`incident-as-code: ${esc(result.decision)}`, 2).addRaw(`<p>${esc(result.reason)}</p>`, true);
  const issues = result.issues ?? {};
  if (result.incidentIds.length > 0) {
    s.addTable([
      [
        { data: "Incident", header: true },
        { data: "Issue", header: true },
      ],
      ...result.incidentIds.map((id) => [id, issues[id] ? `#${issues[id]}` : ""]),
    ]);
  }
  for (const f of extra.failures ?? []) s.addRaw(`<p><strong>Failed:</strong> ${esc(f)}</p>`, true);
  if (extra.raw) s.addDetails("Raw payload (kept so nothing is lost)", `<pre>${esc(extra.raw.slice(0, 60_000))}</pre>`);
  if (result.plan) s.addDetails("Plan", `<pre>${esc(JSON.stringify(result.plan, null, 2).slice(0, 200_000))}</pre>`);
  await s.write();
}

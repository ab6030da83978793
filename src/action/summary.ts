// Every run ends with a decision and a reason: in the step outputs and in the job summary.
import * as core from "@actions/core";
import type { RunResult } from "./context.js";

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function report(result: RunResult, extra: { failures?: string[]; raw?: string } = {}): Promise<void> {
  core.setOutput("decision", result.decision);
  core.setOutput("reason", result.reason);
  core.setOutput("incident-ids", result.incidentIds.join(","));
  core.setOutput("plan", JSON.stringify(result.plan ?? null));
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

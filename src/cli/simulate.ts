// `incident simulate FILE [--at ISO-TIME] [--json] [--dir DIR]`: runs the engine on a payload (a raw
// Alertmanager/Grafana/generic body or a whole repository_dispatch event) against the repository's
// policies and open incidents, and prints the Plan the Action would execute, without executing it.
// Exit 0 decided, 1 the payload was rejected entirely, 2 the policies do not load.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { PolicyIssue } from "../config/kinds.js";
import type { Policies } from "../config/types.js";
import type { OpenIncident } from "../engine/incident-view.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { OpenIncidentEffect, Plan } from "../engine/plan.js";
import type { EngineCliDeps } from "./engine-deps.js";
import { normalizeText } from "../alerts/registry.js";
import { decide } from "../engine/decide.js";
import { summarisePlan } from "../engine/summary.js";
import { formatIssues, type CliIO, processIO } from "./io.js";

export interface SimulateOptions {
  json: boolean;
  source?: string; // force a source instead of sniffing
}

export interface SimulateInputs {
  text: string;
  at: Date;
  policies: { policies: Policies | null; issues: PolicyIssue[] };
  openIncidents: OpenIncident[];
  onCall: (p: Policies) => OnCall;
}

export function runSimulate(opts: SimulateOptions, inputs: SimulateInputs, io: CliIO): number {
  const { policies, issues } = inputs.policies;
  if (!policies) {
    const errors = issues.filter((i) => i.level === "error");
    if (opts.json) io.out(JSON.stringify({ incidents: [], errors: errors.map((i) => ({ field: `${i.file}:${i.line}:${i.column}`, message: i.message })) }, null, 2));
    else io.err(`policies do not load:\n${formatIssues(errors)}`);
    return 2;
  }
  const input = normalizeText(inputs.text, opts.source ?? null, { receivedAt: inputs.at.toISOString() });
  const plan = decide(input.alerts, policies, inputs.openIncidents, inputs.at, inputs.onCall(policies));
  const incidents = summarisePlan(plan, inputs.openIncidents);
  const code = input.alerts.length === 0 && input.errors.length > 0 ? 1 : 0;
  if (opts.json) {
    const json = {
      incidents,
      errors: input.errors.map((e) => ({ field: e.field, message: e.message })),
      warnings: input.warnings,
      source: input.source,
      at: plan.now,
    };
    io.out(JSON.stringify(json, null, 2));
    return code;
  }
  io.out(`source: ${input.source ?? "unknown"} · ${input.alerts.length} alert(s) · decided at ${plan.now}`);
  for (const e of input.errors) io.out(`error: ${e.toString()}`);
  for (const w of input.warnings) io.out(`warning: ${w.field}: ${w.message}`);
  printPlan(plan, io);
  for (const e of plan.effects) if (e.kind === "incident.open") io.out(issuePreview(e));
  return code;
}

function printPlan(plan: Plan, io: CliIO): void {
  io.out(`\nPlan (${plan.effects.length} effect(s)):`);
  plan.effects.forEach((e, i) => {
    const target = "incidentId" in e && e.incidentId ? `incident ${e.incidentId}` : `group ${e.groupKey}`;
    io.out(`${i + 1}. ${e.kind} — ${target}`);
    io.out(`   ${e.reason}`);
    if (e.kind === "incident.open") {
      io.out(`   route ${e.route}: team ${e.team ?? "-"}, rotation ${e.rotation ?? "-"}, escalation ${e.escalationPolicy ?? "-"}`);
      io.out(`   commander ${e.commander ?? "unassigned"}; assignees ${e.assignees.join(", ") || "-"}`);
      io.out(`   notify: ${e.notifications.channels.map((c) => `${c.channel}${c.secret ? ` (${c.secret}, else ${c.fallback})` : ""}`).join(", ")}`);
      for (const r of e.notifications.recipients) io.out(`     ${r.audience}: ${r.logins.join(", ") || "nobody"} — ${r.reason}`);
      for (const why of e.reasons) io.out(`   · ${why}`);
    }
  });
}

/** A plain-text preview; the real issue body is rendered from policies/templates/issue-body.njk. */
export function issuePreview(e: OpenIncidentEffect): string {
  const lines = [
    "",
    "─".repeat(72),
    `Issue preview: [${e.severity}] ${e.title}`,
    `labels: ${e.labels.join(", ")}`,
    `assignees: ${e.assignees.join(", ") || "-"}`,
    "",
    `**Severity** ${e.severity}${e.pattern ? ` (${e.pattern})` : ""} · **Service** ${e.service ?? "-"} · **Commander** ${e.commander ?? "unassigned"} · **Status** triggered`,
    "",
    "| status | alert | started | fingerprint |",
    "|---|---|---|---|",
    ...e.alerts.slice(0, 20).map((a) => `| ${a.status} | ${(a.labels["alertname"] ?? "-").replace(/\|/g, "\\|")} | ${a.startsAt} | ${a.fingerprint} |`),
    ...(e.alerts.length > 20 ? [`| … | ${e.alerts.length - 20} more | | |`] : []),
    "",
    `Checklists: ${e.checklists.join(", ") || "-"} · Playbooks: ${e.playbooks.join(", ") || "-"}`,
    "─".repeat(72),
  ];
  return lines.join("\n");
}

export function registerSimulate(program: Command, deps: EngineCliDeps): void {
  program
    .command("simulate")
    .description("Print the Plan the Action would execute for an alert payload, without executing it")
    .argument("<file>", "payload: Alertmanager, Grafana or generic body, or a repository_dispatch event")
    .option("--at <time>", "decide as of this ISO time (default: now)")
    .option("--json", "print one JSON object", false)
    .option("--source <source>", "alertmanager | grafana | alert (default: detected)")
    .option("--dir <dir>", "repository root", ".")
    .action(async (file: string, opts: { at?: string; json: boolean; source?: string; dir: string }) => {
      const io = processIO;
      const at = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(at.getTime())) {
        io.err(`--at ${opts.at}: not an ISO time (e.g. 2026-03-02T10:00:00Z)`);
        process.exitCode = 2;
        return;
      }
      const [text, policies, openIncidents] = await Promise.all([readFile(file, "utf8"), deps.loadPolicies(opts.dir), deps.loadOpenIncidents(opts.dir)]);
      process.exitCode = runSimulate({ json: opts.json, ...(opts.source ? { source: opts.source } : {}) }, { text, at, policies, openIncidents, onCall: (p) => deps.onCall(p) }, io);
    });
}

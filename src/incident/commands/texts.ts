// Comment bodies the commands post besides status changes: /help, /runbook, the update and
// resolution messages. Policy text (playbook titles, commands) is reviewed like templates but is
// still escaped or fenced, so a playbook can never ping anyone or hide a marker.
import type { Playbook, Policies } from "../../config/types.js";
import { cellCode, codeBlock, codeSpan, inline, messageContext, messageTemplateId, renderMessage, suggestedPlaybooks, type MessageOptions } from "../../render/index.js";
import type { IncidentRecord } from "../record.js";
import { USAGE } from "./parse.js";

export function helpText(): string {
  const rows = Object.values(USAGE).map((u) => `| ${cellCode(u.usage)} | ${inline(u.what)} |`);
  return ["**Incident commands** (one per line; several per comment)", "", "| Command | What it does |", "|---|---|", ...rows].join("\n");
}

/** A playbook as a checklist responders tick as they go. Commands are shown, never run. */
export function playbookText(p: Playbook, policies: Policies): string {
  const lines = [`**Playbook: ${inline(p.title)}** (trigger: ${codeSpan(p.trigger)})`, ""];
  for (const a of p.actions) {
    lines.push(`- [ ] ${inline(a.name)}${a.condition ? ` (if ${codeSpan(a.condition)})` : ""}`);
    lines.push(...codeBlock(a.command, "sh").split("\n").map((l) => `  ${l}`));
  }
  const runbooks = p.runbooks.map((id) => policies.runbooks[id]).filter((r) => r !== undefined);
  if (runbooks.length > 0) lines.push("", `Runbooks: ${runbooks.map((r) => `${inline(r.title)} (${codeSpan(r.path)})`).join(", ")}`);
  lines.push("", "_Commands are for you to run; the Action never executes them._");
  return lines.join("\n");
}

export function playbookList(record: IncidentRecord, policies: Policies): string {
  const suggested = suggestedPlaybooks(record, policies);
  const all = Object.values(policies.playbooks);
  const item = (p: Playbook): string => `- ${codeSpan(`/runbook ${p.id}`)}: ${inline(p.title)} (trigger: ${codeSpan(p.trigger)})`;
  const lines = suggested.length > 0 ? ["**Suggested playbooks for this incident**", "", ...suggested.flatMap((id) => (policies.playbooks[id] ? [item(policies.playbooks[id])] : []))] : ["No playbook matches this incident's alerts."];
  const others = all.filter((p) => !suggested.includes(p.id));
  if (others.length > 0) lines.push("", "Other playbooks:", "", ...others.map(item));
  return lines.join("\n");
}

/** The configured `update` or `resolution` message; a plain fallback when no template is configured. */
export function messageText(event: "update" | "resolution", record: IncidentRecord, policies: Policies, opts: MessageOptions): string {
  const id = messageTemplateId(policies, event, record.severity, "internal");
  if (id !== null) return renderMessage(id, messageContext(record, policies, opts), policies);
  return event === "update" ? `**Update** · ${inline(record.id)}\n\n${inline(opts.progress ?? "")}` : `**Resolved** · ${inline(record.id)}`;
}

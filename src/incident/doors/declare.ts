// Manual declarations — the workflow_dispatch form or an issue opened from the incident form —
// become a generic alert and go through the same engine as monitoring alerts, so severity,
// routing, commander and checklists follow policy exactly as they would for an alert.
import type { Alert } from "../../alerts/types.js";
import { SEVERITIES, type Severity } from "../../config/types.js";
import { PayloadError } from "../../alerts/types.js";

export interface Declaration {
  title: string;
  severity: Severity;
  service: string;
  summary: string;
  /** Unique per declaration (run id or issue number): each declaration opens its own incident. */
  key: string;
  by: string;
  /** When it was declared, if the event says (an issue's creation): a re-delivered event is then the same alert episode. */
  at?: string;
}

export function declarationAlert(d: Declaration, now: Date): Alert {
  return {
    source: "alert",
    fingerprint: `declared-${d.key}`,
    status: "firing",
    labels: { alertname: "IncidentDeclared", severity: d.severity, service: d.service, component: "declared", error_type: `declared-${d.key}`, declared_by: d.by },
    annotations: { summary: d.title, description: d.summary },
    startsAt: d.at && !Number.isNaN(Date.parse(d.at)) ? new Date(d.at).toISOString() : now.toISOString(),
    endsAt: null,
    generatorURL: null,
  };
}

export function parseSeverity(value: unknown, field: string): Severity {
  const v = typeof value === "string" ? value.trim().toUpperCase() : "";
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  throw new PayloadError(field, `severity must be one of ${SEVERITIES.join(", ")}, got ${JSON.stringify(value)}`);
}

/** workflow_dispatch inputs: title, severity, service, summary. */
export function fromWorkflowDispatch(payload: { inputs?: Record<string, unknown>; sender?: { login?: string } }, runId: string): Declaration {
  const inputs = payload.inputs ?? {};
  const text = (k: string, required: boolean) => {
    const v = typeof inputs[k] === "string" ? (inputs[k]).trim() : "";
    if (required && !v) throw new PayloadError(`inputs.${k}`, `is required to declare an incident`);
    return v;
  };
  return { title: text("title", true), severity: parseSeverity(inputs.severity, "inputs.severity"), service: text("service", true), summary: text("summary", false), key: `run-${runId}`, by: payload.sender?.login ?? "" };
}

/** The incident issue form (.github/ISSUE_TEMPLATE/incident.yml): `### Severity` etc. sections. */
export function fromIssueForm(issue: { number: number; title: string; body?: string | null; user?: { login?: string }; created_at?: string }): Declaration {
  const sections = new Map<string, string>();
  for (const m of (issue.body ?? "").matchAll(/^###\s+(.+?)\s*\n+([\s\S]*?)(?=^###\s|(?![\s\S]))/gm)) sections.set((m[1] ?? "").toLowerCase(), (m[2] ?? "").trim());
  const service = sections.get("service") ?? "";
  if (!service || service === "_No response_") throw new PayloadError("body.service", "the incident form's Service field is empty");
  const summary = sections.get("summary") ?? "";
  return {
    title: issue.title.replace(/^\[Incident\]\s*/i, "").trim() || "Declared incident",
    severity: parseSeverity(sections.get("severity"), "body.severity"),
    service,
    summary: summary === "_No response_" ? "" : summary,
    key: `issue-${issue.number}`,
    ...(issue.created_at ? { at: issue.created_at } : {}),
    by: issue.user?.login ?? "",
  };
}

// Communication messages (initial alert, update, resolution; internal and external), rendered
// from the repository's templates as configured in communication.yaml. The output is GitHub
// markdown for an issue comment: a chat or e-mail adapter needs its own escaping (not done here).
//
// `messageContext` maps a record to the variables the shipped templates use. Logins are shown as
// visible, non-notifying "@name": who gets paged is the engine's decision (assignees, notify
// effects), not a side effect of message text.
import type { Policies, Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { login, multiline } from "./escape.js";
import { rendererFor, trusted } from "./env.js";
import { between, formatDateTime, formatDuration } from "./format.js";
import { fitBody, GITHUB_BODY_MAX } from "./limit.js";
import { isIncidentId, recordPath } from "../incident/paths.js";

export type MessageEvent = "initial_alert" | "update" | "resolution";
export type MessageAudience = "internal" | "external";

/** The configured template for an event, severity and audience: the severity's entry, else "*"; null if none. */
export function messageTemplateId(policies: Policies, event: MessageEvent, severity: Severity, audience: MessageAudience): string | null {
  const bySeverity = policies.communication.templates[event] ?? {};
  return bySeverity[severity]?.[audience] ?? bySeverity["*"]?.[audience] ?? null;
}

export interface MessageOptions {
  now: string; // ISO
  timeZone?: string; // default: the business calendar's zone
  /** Where responders coordinate; default: the incident issue ("#42" for internal messages). */
  channel?: string;
  progress?: string; // /update text
  currentActions?: string;
  nextUpdate?: string | null; // ISO
  postmortemDate?: string | null; // ISO
  /** Customer-facing impact wording; external messages use it instead of the internal impact text. */
  sanitizedImpact?: string;
}

/** The variables of the shipped communication templates. Strings are raw; they are escaped on output. */
export function messageContext(record: IncidentRecord, policies: Policies, opts: MessageOptions): Record<string, unknown> {
  const zone = opts.timeZone ?? policies.escalation.calendar.timeZone ?? "UTC";
  const service = policies.services[record.service];
  const serviceName = service?.name ?? record.service;
  const impact = record.impact.summary ?? record.impact.users ?? "Under investigation";
  const issue = record.links.issue;
  return {
    incident_id: record.id,
    title: record.title,
    severity: record.severity,
    status: record.status,
    affected_service: serviceName,
    service_name: service?.statusPageComponent ?? serviceName,
    impact_description: impact,
    sanitized_impact: opts.sanitizedImpact ?? "Some users may experience errors or degraded performance.",
    // login() output is already escaped markdown; trusted() keeps it from being escaped twice.
    commander_name: record.commander ? trusted(login(record.commander)) : "unassigned",
    // A number we produced ourselves: a live reference to the incident issue is wanted here.
    channel: opts.channel ?? (issue !== null ? trusted(`#${Math.trunc(issue)}`) : "the incident issue"),
    status_page_url: policies.communication.statusPage.url ?? "",
    current_time: formatDateTime(opts.now, zone),
    duration: formatDuration(between(record.timestamps.started, opts.now)),
    // Multi-line prose keeps its line breaks: escaped here by `multiline`, then marked as done.
    progress_summary: trusted(multiline(opts.progress ?? "")),
    current_actions: trusted(multiline(opts.currentActions ?? "")),
    next_update_time: opts.nextUpdate ? formatDateTime(opts.nextUpdate, zone) : "",
    total_duration: formatDuration(between(record.timestamps.started, record.timestamps.resolved ?? opts.now)),
    root_cause_summary: record.rootCause.text ?? "To be determined in the post-mortem",
    postmortem_date: opts.postmortemDate ? formatDateTime(opts.postmortemDate, zone) : "",
  };
}

/**
 * Renders a communication template with `context` (values escaped for markdown on output, except
 * `trusted()` fragments) and keeps the result under GitHub's comment limit.
 */
export function renderMessage(templateId: string, context: Record<string, unknown>, policies: Policies, opts: { max?: number } = {}): string {
  const text = rendererFor(policies).render(templateId, context).trim();
  const id = typeof context["incident_id"] === "string" ? context["incident_id"] : null;
  return fitBody(`${text}\n`, { max: opts.max ?? GITHUB_BODY_MAX, ...(id && isIncidentId(id) ? { recordPath: recordPath(id) } : {}) });
}

// Communication messages (initial alert, update, resolution; internal and external), rendered
// from the repository's templates as configured in communication.yaml. In the markdown flavour the
// output is GitHub markdown for an issue comment; in the plain flavour it is cleaned plain text
// that a notification sender escapes for its own medium (Slack, Teams, e-mail, pager).
//
// `messageContext` maps a record to the variables the shipped templates use. Logins are shown as
// visible, non-notifying "@name": who gets paged is the engine's decision (assignees, notify
// effects), not a side effect of message text. A value that is unknown is "" (so a template's
// `{% if %}` leaves its line out) rather than a label with nothing after it.
import type { Policies, Severity } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { login, multiline } from "./escape.js";
import { plainInline, plainText } from "./plain.js";
import { instantMarkdown, rendererFor, trusted, type Flavour } from "./env.js";
import { between, formatDuration, formatInstant } from "./format.js";
import { fitBody, GITHUB_BODY_MAX } from "./limit.js";
import { isIncidentId, recordPath } from "../incident/paths.js";
import { responderZone } from "./issue-body.js";

export type MessageEvent = "initial_alert" | "update" | "resolution";
export type MessageAudience = "internal" | "external";

/** The configured template for an event, severity and audience: the severity's entry, else "*"; null if none. */
export function messageTemplateId(policies: Policies, event: MessageEvent, severity: Severity, audience: MessageAudience): string | null {
  const bySeverity = policies.communication.templates[event] ?? {};
  return bySeverity[severity]?.[audience] ?? bySeverity["*"]?.[audience] ?? null;
}

export interface MessageOptions {
  now: string; // ISO
  timeZone?: string; // default: the responders' (see responderZone); UTC is shown beside it
  /** Where responders coordinate; default: the incident issue ("#42" in markdown, `issueUrl` in plain text). */
  channel?: string;
  /** Plain flavour: the incident issue's and the post-mortem PR's web addresses, shown instead of "#42". */
  issueUrl?: string | null;
  postmortemUrl?: string | null;
  progress?: string; // /update text
  currentActions?: string;
  nextUpdate?: string | null; // ISO
  postmortemDate?: string | null; // ISO
  /** Customer-facing impact wording; external messages use it instead of the internal impact text. */
  sanitizedImpact?: string;
}

/**
 * The variables of the shipped communication templates for `flavour` (default markdown). Strings
 * are raw and escaped on output; fragments we built ourselves are `trusted()` in markdown.
 * `postmortem_link` is the post-mortem PR ("" until it exists) and `postmortem_required` whether
 * the severity needs one (postmortem.yaml), so the resolution never says "scheduled for:" and nothing.
 * Instants are shown in the responders' zone with UTC beside them.
 */
export function messageContext(record: IncidentRecord, policies: Policies, opts: MessageOptions, flavour: Flavour = "markdown"): Record<string, unknown> {
  const zone = opts.timeZone ?? responderZone(record, policies);
  const service = policies.services[record.service];
  const serviceName = service?.name ?? record.service;
  const impact = record.impact.summary ?? record.impact.users ?? "Under investigation";
  const issue = record.links.issue;
  const pr = record.links.postmortemPr;
  const md = flavour === "markdown";
  // Our own fragment: trusted markdown, or the plain text that stands for it.
  const own = (markdown: string, plain: string) => (md ? trusted(markdown) : plain);
  // Multi-line prose keeps its line breaks: escaped (markdown) or cleaned and bounded (plain) here,
  // then marked as done so the one-line default does not fold it.
  const prose = (s: string | undefined) => (!s?.trim() ? "" : trusted(md ? multiline(s) : plainText(s)));
  const instant = (iso: string) => (md ? instantMarkdown(iso, zone) : plainInline(formatInstant(iso, zone)));
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
    commander_name: record.commander ? own(login(record.commander), `@${record.commander}`) : "unassigned",
    // A number we produced ourselves: a live reference to the incident issue is wanted here.
    channel: opts.channel ?? (issue !== null ? own(`#${Math.trunc(issue)}`, opts.issueUrl ?? `#${Math.trunc(issue)}`) : "the incident issue"),
    status_page_url: policies.communication.statusPage.url ?? "",
    current_time: instant(opts.now),
    duration: formatDuration(between(record.timestamps.started, opts.now)),
    progress_summary: prose(opts.progress),
    current_actions: prose(opts.currentActions),
    next_update_time: opts.nextUpdate ? instant(opts.nextUpdate) : "",
    total_duration: formatDuration(between(record.timestamps.started, record.timestamps.resolved ?? opts.now)),
    root_cause_summary: record.rootCause.text ?? "To be determined in the post-mortem",
    postmortem_date: opts.postmortemDate ? instant(opts.postmortemDate) : "",
    postmortem_link: pr !== null ? own(`#${Math.trunc(pr)}`, opts.postmortemUrl ?? `#${Math.trunc(pr)}`) : "",
    postmortem_required: policies.severities[record.severity]?.postmortemRequired ?? false,
  };
}

/**
 * Renders a communication template with `context`. Markdown (the default): values escaped for
 * markdown on output, except `trusted()` fragments, and the result kept under GitHub's comment
 * limit. Plain: cleaned text with blank-line runs folded, for a sender to escape and bound.
 */
export function renderMessage(templateId: string, context: Record<string, unknown>, policies: Policies, opts: { max?: number; flavour?: Flavour } = {}): string {
  if (opts.flavour === "plain") return rendererFor(policies, "plain").render(templateId, context).trim().replace(/\n{3,}/g, "\n\n");
  const text = rendererFor(policies).render(templateId, context).trim();
  const id = typeof context["incident_id"] === "string" ? context["incident_id"] : null;
  return fitBody(`${text}\n`, { max: opts.max ?? GITHUB_BODY_MAX, ...(id && isIncidentId(id) ? { recordPath: recordPath(id) } : {}) });
}

// The incident issue's body: a rendering of the incident record (the record in git is the source
// of truth; the body is regenerated on every change). The template is the repository's
// `communication.templates.issue_body` entry; the context below is what it can use.
//
// Notifications: the body never notifies. Logins render as visible, non-notifying "@name" (`| login`),
// because the body is re-rendered on every change and a live mention would be re-evaluated each
// time. The commander is told once, by being assigned to the issue (the engine's assignee effect).
import { stringify } from "yaml";
import type { Policies, Severity } from "../config/types.js";
import type { IncidentRecord, RecordedAlert } from "../incident/record.js";
import { applicableChecklists, checklistKey, checklistState, visibleItems } from "./checklists.js";
import { clean } from "./escape.js";
import { incidentLinks, linksLine } from "./links.js";
import { suggestedPlaybooks } from "./playbooks.js";

export { suggestedPlaybooks };
import { rendererFor, trusted, type Trusted } from "./env.js";
import { between } from "./format.js";
import { fitBody, GITHUB_BODY_MAX } from "./limit.js";
import { marker } from "./markers.js";
import { recordPath } from "../incident/paths.js";

export const BOT_ACTOR = "incident-as-code";

export interface IssueBodyOptions {
  now: string; // ISO; durations of open incidents run to here
  /** Box state a person set, by `checklistKey(checklistId, index)`; default `record.checklist`. Boxes not set follow their `done_when`. */
  checklistState?: Record<string, boolean>;
  /** Time zone for times shown (UTC is shown beside it); default: the responders' — the routed rotation's zone, else the business calendar's. */
  timeZone?: string;
  /** Playbook ids to suggest; default: playbooks whose matchers match one of the record's alerts. */
  playbooks?: string[];
  timelineLimit?: number; // default 20
  alertLimit?: number; // default 50
  max?: number; // default GitHub's 65,536
}

export { checklistKey };

/** The hidden marker that ties an issue to its incident: the id, and the record's claim key. */
export function incidentMarker(record: Pick<IncidentRecord, "id" | "links">): string {
  return marker("incident", record.links.claim ? { id: record.id, claim: record.links.claim } : { id: record.id });
}

/** The template id configured for issue bodies of this severity ("*" as fallback). */
export function issueBodyTemplateId(policies: Policies, severity: Severity): string {
  const bySeverity = policies.communication.templates["issue_body"] ?? {};
  return bySeverity[severity]?.["issue"] ?? bySeverity["*"]?.["issue"] ?? "issue-body";
}

export function renderIssueBody(record: IncidentRecord, policies: Policies, opts: IssueBodyOptions): string {
  const body = rendererFor(policies).render(issueBodyTemplateId(policies, record.severity), issueBodyContext(record, policies, opts));
  // The marker goes first so that truncation can never remove it; it carries the record's claim key.
  const text = `${incidentMarker(record)}\n${body.trim()}\n`;
  return fitBody(text, { max: opts.max ?? GITHUB_BODY_MAX, recordPath: recordPath(record.id) });
}

/** The variables the issue-body template sees. Strings are raw (escaped on output) unless Trusted. */
export function issueBodyContext(record: IncidentRecord, policies: Policies, opts: IssueBodyOptions): Record<string, unknown> {
  const level = policies.severities[record.severity];
  const timelineLimit = opts.timelineLimit ?? 20;
  const alertLimit = opts.alertLimit ?? 50;
  const alerts = [...record.alerts].sort((a, b) => rank(a) - rank(b) || a.startsAt.localeCompare(b.startsAt));
  const shown = alerts.slice(0, alertLimit);
  const timeline = record.timeline.slice(-timelineLimit);
  const first = alerts[0];
  return {
    id: record.id,
    title: record.title,
    severity: record.severity,
    severity_name: level?.name ?? record.severity,
    status: record.status,
    service: record.service,
    service_name: policies.services[record.service]?.name ?? record.service,
    component: record.component,
    error_type: record.errorType,
    type: record.type ?? "",
    commander: record.commander ?? "",
    responders: record.responders,
    started: record.timestamps.started,
    detected: record.timestamps.detected,
    acknowledged: record.timestamps.acknowledged ?? "",
    mitigated: record.timestamps.mitigated ?? "",
    resolved: record.timestamps.resolved ?? "",
    duration: between(record.timestamps.started, record.timestamps.resolved ?? opts.now) ?? "",
    response_target: level?.responseTime ?? "",
    resolution_target: level?.resolutionTarget ?? "",
    time_zone: opts.timeZone ?? responderZone(record, policies),
    links: ((line) => (line.val === "" ? "" : line))(linksLine(incidentLinks(record, policies))),
    impact: {
      summary: record.impact.summary ?? "",
      users: record.impact.users ?? "",
      revenue: record.impact.revenue ?? "",
      sla: record.impact.sla ?? "",
    },
    root_cause: record.rootCause.text ?? "",
    root_cause_category: record.rootCause.category ?? "",
    alerts: shown.map(alertView),
    alerts_total: alerts.length,
    alerts_omitted: alerts.length - shown.length,
    alert_details: first ? alertDetails(first) : "",
    alert_details_name: first?.name ?? "",
    checklists: checklistsFor(record, policies, opts.checklistState),
    playbooks: playbooksFor(record, policies, opts.playbooks),
    timeline: timeline.map((e) => ({ at: e.at, actor: e.actor, bot: e.actor === BOT_ACTOR, kind: e.kind, text: e.text })),
    timeline_total: record.timeline.length,
    timeline_omitted: record.timeline.length - timeline.length,
    action_items: record.actionItems.map((a) => ({ title: a.title, owner: a.owner, due: a.due, priority: a.priority, issue: a.issue ?? "" })),
    issue: record.links.issue ?? "",
    postmortem_pr: record.links.postmortemPr ?? "",
    record_path: recordPath(record.id),
    now: opts.now,
  };
}

function rank(a: RecordedAlert): number {
  return a.status === "firing" ? 0 : 1;
}

function alertView(a: RecordedAlert): Record<string, unknown> {
  return {
    name: a.name,
    status: a.status,
    summary: a.annotations["summary"] ?? a.annotations["description"] ?? "",
    starts_at: a.startsAt,
    ends_at: a.endsAt ?? "",
    source: a.source,
    url: a.generatorURL ?? "",
    labels: a.labels,
    annotations: a.annotations,
  };
}

/** Labels and annotations of the first alert as YAML, for a code block (shown verbatim, never escaped). */
function alertDetails(a: RecordedAlert): string {
  return stringify({ labels: a.labels, annotations: a.annotations }, { lineWidth: 0 }).trimEnd();
}

/** The zone the responders live in: the routed rotation's, else the business calendar's, else UTC. */
export function responderZone(record: IncidentRecord, policies: Policies): string {
  return (record.rotation ? policies.rotations?.[record.rotation]?.timeZone : undefined) ?? policies.escalation.calendar.timeZone ?? "UTC";
}

interface ChecklistView {
  id: string;
  title: string;
  when: string;
  items: { key: string; text: Trusted; done: boolean }[];
  done: number;
  total: number;
}

// Checklist text is repository policy, reviewed like the templates: it is passed as trusted
// markdown so that its code spans (`/ack`) render. It is still stripped of control characters.
function checklistsFor(record: IncidentRecord, policies: Policies, human: Record<string, boolean> | undefined): ChecklistView[] {
  const state = checklistState(human ? { ...record, checklist: human } : record, policies);
  return applicableChecklists(record, policies).map((c) => {
    const items = visibleItems(c, record.severity).map(({ index, item }) => {
      const key = checklistKey(c.id, index);
      return { key, text: trusted(clean(item.text).replace(/\s+/g, " ")), done: state[key] === true };
    });
    return { id: c.id, title: c.title, when: c.when, items, done: items.filter((i) => i.done).length, total: items.length };
  });
}

function playbooksFor(record: IncidentRecord, policies: Policies, ids: string[] | undefined): Record<string, unknown>[] {
  const chosen = ids ?? suggestedPlaybooks(record, policies);
  return chosen.flatMap((id) => {
    const p = policies.playbooks[id];
    if (!p) return [];
    const runbooks = p.runbooks.map((r) => ({ id: r, title: policies.runbooks[r]?.title ?? r, path: policies.runbooks[r]?.path ?? "" }));
    return [{ id: p.id, title: p.title, trigger: p.trigger, runbooks }];
  });
}

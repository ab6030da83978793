// What a notification says, decided in the core: given an incident record, a lifecycle event and a
// channel, the `Notification` every sender turns into its own payload. Pure: time, the repository's
// web address and the audience are arguments; nothing here reads the clock, the environment or disk.
import type { Channel, Person, Policies, Severity } from "../config/types.js";
import type { IncidentRecord, IncidentStatus } from "../incident/record.js";
import { plainInline } from "../render/plain.js";
import { eventTexts } from "./event-text.js";

const TITLE_MAX = 1_000;

export const LIFECYCLE_EVENTS = ["open", "acknowledge", "update", "escalate", "raise", "resolve", "reopen"] as const;
/** Where an incident is in its life when people outside GitHub hear about it. */
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/**
 * Which events each channel type acts on. Chat and the signed webhook hear everything; e-mail skips
 * acknowledgements (noise in an inbox); a phone call is for waking someone (open, escalate, raise,
 * reopen); PagerDuty maps to its own trigger/acknowledge/resolve (it escalates by itself and has no
 * "update" in the Events API). GitHub-native types and Jira are fallbacks, never sent.
 */
const HEARS: Record<Channel["type"], readonly LifecycleEvent[]> = {
  slack: LIFECYCLE_EVENTS,
  teams: LIFECYCLE_EVENTS,
  webhook: LIFECYCLE_EVENTS,
  email: ["open", "update", "escalate", "raise", "resolve", "reopen"],
  phone: ["open", "escalate", "raise", "reopen"],
  pagerduty: ["open", "acknowledge", "raise", "resolve", "reopen"],
  jira: [],
  "github-issue": [],
  "github-mention": [],
  "github-label": [],
};

export function channelHears(type: Channel["type"], event: LifecycleEvent): boolean {
  return HEARS[type].includes(event);
}

/** Someone in the audience, with whatever contact points teams.yaml `people` gives them. */
export type Recipient = Person;

export interface Notification {
  incidentId: string;
  event: LifecycleEvent;
  channel: string; // channel id
  severity: Severity;
  previousSeverity: Severity | null; // for "raise"
  title: string; // untrusted: it may come from alert text; senders escape it
  service: string; // display name
  component: string | null;
  commander: string | null; // GitHub login
  status: IncidentStatus;
  at: string; // ISO: when the event happened
  startedAt: string; // ISO
  links: { issue: string | null; postmortem: string | null; statusPage: string | null };
  /** One line: "[P0] Incident declared: …", "[TEST] …". */
  headline: string;
  /** Plain text from the repository's templates (the seed's messages); senders escape it for their medium. */
  internalText: string;
  /** Customer-facing text, when the severity has an external template for this event. */
  externalText: string | null;
  recipients: Recipient[];
  test: boolean;
  /** (incident, event and its occurrence, channel): recorded once delivered, so nothing is sent twice. */
  idempotencyKey: string;
}

export interface NotificationInput {
  record: IncidentRecord;
  event: LifecycleEvent;
  channel: string;
  /** Logins the notification is for (the resolved audiences), in order. */
  audience: readonly string[];
  policies: Policies;
  now: string; // ISO
  /** "https://github.com/owner/repo": links to the issue and the post-mortem PR; null leaves them out. */
  repositoryUrl: string | null;
  /** Which occurrence of a repeatable event this is (updates, escalations, raises, reopens); part of the key. */
  seq?: number;
  update?: { progress: string; currentActions?: string | null; nextUpdate?: string | null };
  previousSeverity?: Severity;
  escalationStep?: number;
  /** Who acknowledged, resolved or reopened (a login), when a person did. */
  actor?: string | null;
  test?: boolean;
}

/** "2026-11-27-001:update#3:slack-incidents": one delivery per incident, event occurrence and channel. */
export function idempotencyKey(incidentId: string, event: LifecycleEvent, channel: string, seq?: number): string {
  return `${incidentId}:${event}${seq === undefined ? "" : `#${seq}`}:${channel}`;
}

/** Builds the notification for one record, event and channel. Throws only for a template that fails to render. */
export function buildNotification(input: NotificationInput): Notification {
  const { record, policies } = input;
  const repo = input.repositoryUrl?.replace(/\/+$/, "") ?? null;
  const links = {
    issue: repo && record.links.issue !== null ? `${repo}/issues/${Math.trunc(record.links.issue)}` : null,
    postmortem: repo && record.links.postmortemPr !== null ? `${repo}/pull/${Math.trunc(record.links.postmortemPr)}` : null,
    statusPage: policies.communication.statusPage.url,
  };
  const texts = eventTexts(input, links);
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const login of input.audience) {
    if (seen.has(login)) continue;
    seen.add(login);
    recipients.push(policies.people[login] ?? { login, name: null, email: null, phone: null });
  }
  return {
    incidentId: record.id,
    event: input.event,
    channel: input.channel,
    severity: record.severity,
    previousSeverity: input.previousSeverity ?? null,
    title: plainInline(record.title, TITLE_MAX),
    service: policies.services[record.service]?.name ?? record.service,
    component: record.component || null,
    commander: record.commander,
    status: record.status,
    at: input.now,
    startedAt: record.timestamps.started,
    links,
    ...texts,
    recipients,
    test: input.test ?? false,
    idempotencyKey: input.test ? `test:${input.now}:${input.channel}` : idempotencyKey(record.id, input.event, input.channel, input.seq),
  };
}

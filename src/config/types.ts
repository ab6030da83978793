// The normalised policy model: what `loadPolicies` returns after schema validation, defaults,
// duration parsing and cross-reference checks. Every other module reads policy through these types;
// none of them sees raw YAML.

export const SEVERITIES = ["P0", "P1", "P2", "P3"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Milliseconds. Durations in YAML (`5m`, `2h`, `1d`, `90s`) are parsed once, at load time. */
export type DurationMs = number;

/** Where a policy value came from, for error messages that point at the YAML. */
export interface SourceRef {
  file: string; // path relative to the repository root, e.g. "policies/severities.yaml"
  line: number; // 1-based
  column: number; // 1-based
}

export type { Availability, BusinessCalendar, CommanderPolicy, CommanderRule, EscalationPolicy, EscalationStep, EscalationTarget, MemberDetails, Override, Rotation, RotationLayer, RotationVersion } from "./oncall-types.js";
import type { BusinessCalendar, CommanderPolicy, EscalationPolicy, Rotation } from "./oncall-types.js";
export type { InhibitRule, IntRange, Silence, TimeInterval, TimeIntervalSpec } from "./alerting-types.js";
import type { InhibitRule, Silence, TimeInterval } from "./alerting-types.js";

export type EscalationTiming =
  | { kind: "immediate" }
  | { kind: "after"; after: DurationMs }
  | { kind: "next-business-day" };

export interface SeverityLevel {
  id: Severity;
  name: string; // "Critical"
  description: string;
  responseTime: DurationMs; // acknowledge within
  resolutionTarget: DurationMs; // resolve within (SLA Targets)
  escalation: EscalationTiming;
  updateEvery: DurationMs | null; // status-update cadence (P0 30m, P1 1h), null = no reminders
  team: string[]; // audience names (see Audience)
  postmortemRequired: boolean;
  statusPage: boolean; // status page automation applies
  examples: string[];
}

/** A label matcher with Alertmanager semantics. `regex` is anchored at both ends when compiled. */
export interface Matcher {
  label: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

export interface Service {
  id: string; // "api"
  name: string; // "API"
  owners: string[]; // GitHub logins or @org/team slugs (reviewers of post-mortems)
  team: string; // team id
  rotation: string; // rotation id that covers it
  dependencies: string[]; // service ids
  statusPageComponent: string | null; // "API Endpoints"
  expertise: string[]; // tags that make a commander a good fit
  dashboardUrl: string | null; // linked at the top of the incident issue
  runbookUrl: string | null;
}

export interface Team {
  id: string;
  name: string;
  members: string[]; // GitHub logins
  lead: string | null;
}

/** Classification: ordered rules; the first matching rule decides, later ones fill what it left unset. */
export interface ClassificationRule {
  name: string;
  matchers: Matcher[];
  severity: Severity | { fromLabel: string; map: Record<string, Severity> } | null;
  service: string | null;
  component: string | null;
  errorType: string | null;
  type: string | null; // incident type, e.g. "security"
  title: string | null; // nunjucks expression over {labels, annotations} — repo-authored
  continue: boolean; // keep evaluating later rules for unset fields
  source: SourceRef;
}

export interface ClassificationPolicy {
  rules: ClassificationRule[];
  /** Labels consulted, in order, when no rule set the field. */
  labels: { service: string[]; component: string[]; errorType: string[]; type: string[] };
  defaultSeverity: Severity;
}

export interface MonitoringRule {
  name: string; // "Service Down Detection"
  alert: string; // "ServiceDown" — Prometheus alertname
  expr: string;
  for: DurationMs;
  forText: string; // "1m", as written, for the exported rule file
  severity: Severity;
  labels: Record<string, string>; // service, component, error_type...
  annotations: Record<string, string>;
  source: SourceRef;
}

export interface Channel {
  id: string; // "slack-incidents"
  type: "github-issue" | "github-mention" | "github-label" | "slack" | "teams" | "pagerduty" | "email" | "phone" | "jira" | "webhook";
  description: string;
  /** Name of the secret / env var holding the adapter's credentials; adapters are optional. */
  secret: string | null;
  /** What happens when the adapter is not configured: the GitHub-native equivalent. */
  fallback: "issue-comment" | "mention" | "label" | "none";
  /** pagerduty: the Events API v2 endpoint (null: PagerDuty's default, US). */
  endpoint: string | null;
  /** webhook, phone: name of the secret holding the Standard Webhooks signing key (null: unsigned). */
  signingSecret: string | null;
  /** email: sender address (required to send mail). */
  from: string | null;
  /** email: addresses that always receive the channel's mail, besides the audience's people. */
  to: string[];
}

/** How to reach someone outside GitHub (teams.yaml `people`), by GitHub login. */
export interface Person {
  login: string;
  name: string | null;
  email: string | null;
  phone: string | null; // E.164
}

/** Who a notification reaches: resolved at decision time from rotations and teams. */
export type Audience =
  | { kind: "rotation"; rotation: string; role: "primary" | "secondary" | "all" } // rotation "routed": the route's rotation
  | { kind: "team"; team: string; lead: boolean } // lead: only the team's lead
  | { kind: "commander" };

export interface SeverityRoute {
  channels: string[];
  notify: string[]; // audience names
}

export interface RouteNode {
  name: string;
  matchers: Matcher[]; // `matchers`, `match` and `match_re` together
  continue: boolean;
  groupBy: string[]; // inherited from parent when unset; ["..."] groups by every label
  muteTimeIntervals: string[]; // not inherited, as in Alertmanager
  activeTimeIntervals: string[]; // not inherited
  team: string | null;
  rotation: string | null;
  escalationPolicy: string | null;
  channels: string[]; // added to the severity channels
  routes: RouteNode[];
  source: SourceRef;
}

export interface RoutingPolicy {
  bySeverity: Record<Severity, SeverityRoute>;
  audiences: Record<string, Audience[]>;
  channels: Record<string, Channel>;
  tree: RouteNode; // root: matches everything
}

export interface CorrelationPolicy {
  groupBy: string[]; // default ["service", "component", "error_type"]
  window: DurationMs; // 300s: alerts of one group within it join the open incident
  autoResolve: boolean; // all alerts resolved → resolve the incident
  cascade: {
    enabled: boolean;
    /** Related = firing alerts whose service is the group's service or one of its transitive
     * dependencies/dependents in the services catalogue, seen within `window`. */
    minRelated: number; // "more than 5" → 6
    /** Spread rate = distinct services among related alerts ÷ (services in that dependency component). */
    spreadRate: number; // 0.8
    window: DurationMs;
    severity: Severity;
    title: string;
  };
  intermittent: {
    enabled: boolean;
    /** An alert fingerprint that fires, resolves and fires again at least `flaps` times in `window`. */
    flaps: number;
    window: DurationMs;
    severity: Severity;
    title: string;
  };
}

/** What ticks a checklist box: a status reached, or a timeline entry of that kind written by a person. */
export type ChecklistDoneWhen = "acknowledged" | "investigating" | "identified" | "monitoring" | "mitigated" | "resolved" | "severity" | "note" | "impact" | "rootcause" | "update" | "assign" | "commander" | "escalation";

export interface ChecklistItem {
  text: string;
  severities: Severity[]; // the checklist's when the item does not narrow it
  doneWhen: ChecklistDoneWhen[]; // [] = ticked by hand only
}

export interface Checklist {
  id: string;
  title: string;
  when: string; // "0-5 minutes"
  severities: Severity[];
  items: ChecklistItem[];
}

export interface PlaybookAction {
  name: string;
  condition: string | null;
  command: string; // shown to humans; never executed by the Action
  runbook: string | null;
}

export interface Playbook {
  id: string;
  title: string;
  trigger: string; // human text, as in the requirements
  matcherSets: Matcher[][]; // alerts that suggest this playbook: any set that matches
  actions: PlaybookAction[];
  runbooks: string[]; // runbook ids (policies/runbooks/<id>.md)
  source: SourceRef;
}

export interface Runbook {
  id: string;
  path: string; // policies/runbooks/<id>.md
  title: string;
}

export interface TemplateRef {
  id: string; // "initial-internal-p0"
  path: string; // policies/templates/…njk
}

/** Component states of a status page, in Atlassian Statuspage's terms. */
export type ComponentStatus = "operational" | "degraded_performance" | "partial_outage" | "major_outage" | "under_maintenance";
/** The states an open incident can give a component. */
export type IncidentComponentStatus = "degraded_performance" | "partial_outage" | "major_outage";

export interface CommunicationPolicy {
  /** event → severity (or "*") → audience ("internal"|"external"|"issue") → template id */
  templates: Record<string, Record<string, Record<string, string>>>;
  /** Alertmanager's external URL, for silence links; null when not configured. */
  alertmanagerUrl: string | null;
  statusPage: {
    /** `incident site` builds the public status page and its feeds. */
    enabled: boolean;
    url: string | null;
    name: string; // heading and feed title, default "Status"
    triggers: { event: "incident_created" | "incident_updated" | "incident_resolved"; action: string; severities: Severity[] }[];
    components: Record<string, string>; // service id → status page component name
    /** The state an open incident of each severity gives its components. */
    componentStatus: Record<Severity, IncidentComponentStatus>;
    /** 0..1: share of partial-outage time counted as downtime (major outage 1, the rest 0). */
    partialOutageWeight: number;
    /** `incident site` also builds the internal dashboard. */
    dashboard: boolean;
  };
}

/** A scheduled maintenance window (maintenance.yaml). Title and description are public text. */
export interface MaintenanceWindow {
  id: string;
  title: string;
  services: string[]; // service ids
  starts: string; // ISO instant
  ends: string; // ISO instant, after starts
  description: string | null;
  /** Alerts on these services are silenced during the window (`silence_alerts`, default true). */
  silenceAlerts: boolean;
  source: SourceRef;
}

/** review.yaml (optional): what a pull request that changes policy is shown, and the limits silences keep. */
export interface ReviewPolicy {
  replay: {
    alerts: number; // the last N recorded alerts replayed through base and head policies (500)
    oncallDays: number; // on-call compared this many days ahead (14)
  };
  silences: { maxDuration: DurationMs }; // 7d
}

export interface SuccessMetrics {
  mttaMax: DurationMs;
  mttdMax: DurationMs;
  mttrMax: DurationMs;
  recurrenceRateMax: number; // 0.10
  postmortemCompletion: { severities: Severity[]; min: number }; // 1.0 for P0/P1
  actionItemCompletionMin: number; // 0.90
}

export interface ActionItemRule {
  name: string;
  when: { rootCauseMentions: string[] } | { detectionLongerThan: DurationMs };
  title: string;
  owner: string;
  due: DurationMs;
  priority: "High" | "Medium" | "Low";
}

export interface PostmortemPolicy {
  requiredFor: Severity[];
  reviewers: { commander: boolean; serviceOwners: boolean; extra: string[]; approvals: Record<Severity, number> };
  timeZone: string;
  requiredSections: string[];
  actionItemRules: ActionItemRule[];
  patterns: { window: DurationMs; minOccurrences: number }; // "> 2 in 90 days" → 3
  template: string; // template id
}

export interface AccessPolicy {
  minimumRole: "read" | "triage" | "write" | "maintain" | "admin";
  rotationMembersAllowed: boolean;
  elevated: { commands: string[]; minimumRole: "write" | "maintain" | "admin" };
}

export interface Policies {
  root: string; // the policies directory, relative to the repository root
  severities: Record<Severity, SeverityLevel>;
  services: Record<string, Service>;
  teams: Record<string, Team>;
  /** Contact points by GitHub login (teams.yaml `people`); a login without an entry has none. */
  people: Record<string, Person>;
  classification: ClassificationPolicy;
  monitoring: MonitoringRule[];
  monitoringGroup: { group: string; interval: string | null };
  routing: RoutingPolicy;
  correlation: CorrelationPolicy;
  /** inhibition.yaml (optional): Alertmanager inhibit rules, in order. */
  inhibitRules: InhibitRule[];
  /** time-intervals.yaml (optional): named intervals that routes mute during or are active in. */
  timeIntervals: Record<string, TimeInterval>;
  /** silences/*.yaml (optional): reviewed silences, by start; maintenance windows silence alerts too (see maintenance). */
  silences: Silence[];
  /** review.yaml (optional): replay and silence limits. */
  review: ReviewPolicy;
  rotations: Record<string, Rotation>;
  commanders: CommanderPolicy;
  escalation: { policies: Record<string, EscalationPolicy>; bySeverity: Record<Severity, string>; calendar: BusinessCalendar };
  checklists: Checklist[];
  playbooks: Record<string, Playbook>;
  runbooks: Record<string, Runbook>;
  templates: Record<string, TemplateRef>;
  /** Template sources by id, read from the repository (never from payloads). */
  templateSources: Record<string, string>;
  communication: CommunicationPolicy;
  /** Scheduled maintenance windows, oldest first; empty without policies/maintenance.yaml. */
  maintenance: MaintenanceWindow[];
  metrics: { success: SuccessMetrics }; // SLA targets per severity: severities[*].responseTime/resolutionTarget
  postmortem: PostmortemPolicy;
  access: AccessPolicy;
}

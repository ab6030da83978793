// The shapes of the static site `incident site` builds: what goes in (policies, records,
// post-mortems, a time), what comes out (files), and the public status document (status.json,
// schemas/status.schema.json) that the status page, its live update loop, the Atom feed and the
// badges are all rendered from. Everything in a StatusDocument is public: it is built only from
// policy text, times, states and the external templates — never from titles, updates or impact
// text written during an incident.
import type { ComponentStatus, IncidentComponentStatus, Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";

export interface SiteInput {
  policies: Policies;
  records: IncidentRecord[];
  /** postmortems/*.md on the checked-out branch (merged, so published), as read from disk. */
  postmortems: { path: string; text: string }[];
  /** The build time, ISO: ages, open incidents' durations and the 90-day window end here. */
  now: string;
  /** Absolute URL the site is served from (feeds need absolute links); default status_page.url. */
  siteUrl?: string | null;
  /** https://github.com/OWNER/REPO: links to incident issues and post-mortem files; none without it. */
  repoUrl?: string | null;
}

export interface SiteFile {
  path: string; // relative to the output folder, "/"-separated
  content: string;
}

export interface SiteResult {
  files: SiteFile[];
  /** Things the reader should know (a post-mortem whose front matter does not read, no repo URL…). */
  warnings: string[];
}

/** The status state of a public incident, as a status page names it (acknowledged is internal). */
export type PublicIncidentStatus = "investigating" | "identified" | "monitoring" | "resolved";

/** Statuspage's page indicator: how bad the worst component is. */
export type StatusIndicator = "none" | "maintenance" | "minor" | "major" | "critical";

export interface PublicUpdate {
  at: string; // ISO
  status: PublicIncidentStatus;
  /** Plain text of the rendered external template. */
  body: string;
  /** The same as HTML (markdown rendered with raw HTML disabled): safe to insert. */
  body_html: string;
}

export interface StatusComponent {
  id: string; // slug of the name, unique
  name: string;
  status: ComponentStatus;
  /** Availability over the days below (the first day's UTC midnight to `generated_at`), 0..1. */
  availability: number;
  /** Oldest first; the last is today so far. */
  days: { date: string; availability: number; downtime_minutes: number; worst: ComponentStatus; incidents: string[] }[];
}

export interface StatusIncident {
  id: string;
  /** Public name: the components and the impact, never the internal title. */
  name: string;
  status: PublicIncidentStatus;
  impact: IncidentComponentStatus;
  components: string[]; // component ids
  started_at: string;
  resolved_at: string | null;
  updated_at: string;
  postmortem_url: string | null;
  updates: PublicUpdate[]; // newest first
}

export interface StatusMaintenance {
  id: string;
  name: string;
  description: string | null;
  status: "scheduled" | "in_progress" | "completed";
  scheduled_for: string;
  scheduled_until: string;
  components: string[]; // component ids
}

export interface StatusDocument {
  schema: 1;
  generated_at: string;
  page: { name: string; url: string | null };
  status: { indicator: StatusIndicator; description: string };
  /** Days of history the bars and `availability` cover. */
  history_days: number;
  components: StatusComponent[];
  /** Public incidents open now or started within the history days, newest first. */
  incidents: StatusIncident[];
  /** Windows that are upcoming, in progress, or ended within the history days; soonest first. */
  maintenance: StatusMaintenance[];
}

export const HISTORY_DAYS = 90;

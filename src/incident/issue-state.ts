// The one function that turns an incident record into its issue: title, body (the repository's
// issue-body template, checklist state included), labels, assignees and open/closed. Every door
// ends here (through finish.ts), so the issue always shows the record, whoever changed it.
import type { Policies } from "../config/types.js";
import { fitBody, incidentTitle, renderIssueBody } from "../render/index.js";
import { pageMention } from "./escalate.js";
import { recordLabels } from "./labels.js";
import { recordPath } from "./paths.js";
import type { IncidentRecord } from "./record.js";

/** GitHub accepts at most 10 assignees on an issue. */
export const MAX_ASSIGNEES = 10;

export interface IssueState {
  title: string;
  body: string;
  /** The Action's labels; labels people added by hand are kept beside them. */
  labels: string[];
  /** Commander first, then responders; people assigned by hand are kept beside them. */
  assignees: string[];
  state: "open" | "closed";
}

export function issueAssignees(record: IncidentRecord): string[] {
  return [...new Set([record.commander, ...record.responders].filter((l): l is string => !!l))].slice(0, MAX_ASSIGNEES);
}

/**
 * Open while the incident is active or its post-mortem is being written; closed once it is over —
 * resolved with no post-mortem owed, or published and closed.
 */
export function issueOpenState(record: IncidentRecord, policies: Policies): "open" | "closed" {
  if (record.status === "resolved") return policies.postmortem.requiredFor.includes(record.severity) ? "open" : "closed";
  return record.status === "postmortem-published" || record.status === "closed" ? "closed" : "open";
}

/**
 * The issue for `record` at `now` (durations of open incidents run to it). `paging`: logins to
 * mention once, when the body is first written — later renders carry none, so edits never re-page.
 */
export function issueState(record: IncidentRecord, policies: Policies, now: string, paging: readonly string[] = []): IssueState {
  return {
    title: incidentTitle(record),
    body: issueBody(record, policies, now, paging),
    labels: recordLabels(record),
    assignees: issueAssignees(record),
    state: issueOpenState(record, policies),
  };
}

export function issueBody(record: IncidentRecord, policies: Policies, now: string, paging: readonly string[] = []): string {
  const body = renderIssueBody(record, policies, { now });
  if (paging.length === 0) return body;
  // After the marker line: truncation keeps the marker first.
  const newline = body.indexOf("\n");
  return fitBody(`${body.slice(0, newline + 1)}Paging ${paging.map(pageMention).join(" ")}\n\n${body.slice(newline + 1)}`, { recordPath: recordPath(record.id) });
}

// Which door an event comes through, and what that door needs to know before it can decide: the
// records (the live set, or the one incident of an issue) and the facts only GitHub has (the
// commenter's role, who is assignable, whether a comment was handled already). Pure: the Action
// and `incident simulate` both read the event here, gather what `needsOf` asks for their own way,
// and call `planEvent` with it.
import { fromDispatch } from "../../alerts/registry.js";
import { ALERT_SOURCES, PayloadError, type Alert } from "../../alerts/types.js";
import { findMarker } from "../../render/index.js";
import { loginsToCheck, parseComment, type ParsedComment } from "../commands/parse.js";
import { isIncidentId, utcDay } from "../paths.js";
import { declarationAlert, fromIssueForm, fromWorkflowDispatch } from "./declare.js";
import type { EditAction } from "./edits.js";
import { labelNames, type EventIssue, type EventPayload } from "./webhook.js";

/** An incident issue as the event showed it. */
export interface IssueView {
  number: number;
  body: string;
  labels: string[];
  assignees: string[];
  state: "open" | "closed";
}

export type DoorEvent =
  | { door: "alerts"; alerts: Alert[]; source: string; warnings: FieldProblem[]; problems: FieldProblem[] }
  | { door: "declaration"; alerts: Alert[]; existingIssue: IssueView | null }
  | { door: "command"; issue: IssueView; comment: { id: number; body: string; author: { login: string; type: string } }; parsed: ParsedComment }
  | { door: "edit"; issue: IssueView; sender: { login: string; type: string }; edit: EditAction }
  | { door: "timer"; incidentId: string; at: string }
  | { door: "backstop" }
  | { door: "postmortem"; eventName: string; payload: EventPayload }
  | { door: null; decision: "not-handled" | "ignored" | "failed"; reason: string };

/** A problem with one field of a payload: kept, reported, never silently dropped. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What the door needs read before it decides. */
export interface Needs {
  /** The live records (alerts, declarations, the backstop; an incident issue without a usable marker). */
  live: boolean;
  /** Records by id (the incident an issue's marker names, a timer's incident). */
  ids: string[];
  /** The UTC day whose used ids number a new incident. */
  usedIdsOn: string | null;
  /** Whose repository role to ask. */
  role: string | null;
  /** Logins to ask GitHub whether they are assignable. */
  assignable: string[];
  /** A comment whose 🚀 (handled already) to look for. */
  handled: number | null;
}

const NONE: Needs = { live: false, ids: [], usedIdsOn: null, role: null, assignable: [], handled: null };

/** `runId`: the workflow run (a declaration by form is keyed by it: each run declares its own incident). */
export function readEvent(eventName: string, p: EventPayload, run: { now: string; runId: string }): DoorEvent {
  const now = run.now;
  const skip = (reason: string): DoorEvent => ({ door: null, decision: "not-handled", reason });
  const what = `the ${eventName}${p.action ? `.${p.action}` : ""} event`;
  try {
    switch (eventName) {
      case "repository_dispatch": {
        if (p.action === "incident-timer") {
          const payload = (p.client_payload ?? {}) as { incident?: unknown; at?: unknown };
          const id = typeof payload.incident === "string" ? payload.incident : "";
          const at = typeof payload.at === "string" && !Number.isNaN(Date.parse(payload.at)) ? payload.at : null;
          if (!isIncidentId(id) || at === null) return { door: null, decision: "ignored", reason: "timer event without a valid incident id and time" };
          return { door: "timer", incidentId: id, at };
        }
        if (!(ALERT_SOURCES as readonly string[]).includes(p.action ?? "")) return skip(`${what} is not one incident-as-code acts on`);
        const normalized = fromDispatch({ ...p, event_type: p.action }, { receivedAt: now });
        return {
          door: "alerts",
          alerts: normalized.alerts,
          source: p.action ?? "",
          warnings: normalized.warnings.map((w) => ({ field: w.field, message: w.message })),
          problems: normalized.errors.map((e) => ({ field: e.field, message: e.message })),
        };
      }
      case "workflow_dispatch":
        return { door: "declaration", alerts: [declarationAlert(fromWorkflowDispatch(p, run.runId), new Date(now))], existingIssue: null };
      case "issues": {
        const issue = p.issue;
        if (!issue || issue.pull_request) return skip(`${what} is not about an issue`);
        if (p.action === "opened") {
          if (!labelNames(issue.labels).includes("incident:declared")) return skip(`${what} is not an incident declaration`);
          return { door: "declaration", alerts: [declarationAlert(fromIssueForm(issue), new Date(now))], existingIssue: view(issue) };
        }
        const sender = { login: p.sender?.login ?? "", type: p.sender?.type ?? "User" };
        const edit = editOf(p);
        if (!edit) return skip(`${what} does not change an incident`);
        return { door: "edit", issue: view(issue), sender, edit };
      }
      case "issue_comment": {
        if (p.action !== "created" || !p.issue || p.issue.pull_request || !p.comment) return skip(`${what} is not a new comment on an issue`);
        const author = { login: p.comment.user?.login ?? "", type: p.comment.user?.type ?? "User" };
        const body = p.comment.body ?? "";
        // The comment is parsed once, here; the door and the facts it needs read this.
        return { door: "command", issue: view(p.issue), comment: { id: p.comment.id, body, author }, parsed: parseComment(body) };
      }
      case "schedule":
        return { door: "backstop" };
      case "pull_request":
      case "pull_request_review":
        return { door: "postmortem", eventName, payload: p };
      default:
        return skip(`${what} is not one incident-as-code acts on`);
    }
  } catch (e) {
    if (e instanceof PayloadError) return { door: null, decision: "failed", reason: `${e.field}: ${e.message}` };
    throw e;
  }
}

function editOf(p: EventPayload): EditAction | null {
  switch (p.action ?? "") {
    case "closed":
      return { action: "closed", stateReason: p.issue?.state_reason ?? null };
    case "reopened":
      return { action: "reopened" };
    case "labeled":
      return /^severity:P\d$/i.test(p.label?.name ?? "") ? { action: "labeled", label: p.label?.name ?? "" } : null;
    case "edited":
      return p.changes?.body?.from === undefined ? null : { action: "edited", oldBody: p.changes.body.from, newBody: p.issue?.body ?? "" };
    default:
      return null;
  }
}

function view(issue: EventIssue): IssueView {
  return {
    number: issue.number,
    body: issue.body ?? "",
    labels: labelNames(issue.labels),
    assignees: (issue.assignees ?? []).map((a) => a.login ?? "").filter(Boolean),
    state: issue.state === "closed" ? "closed" : "open",
  };
}

/**
 * The incident an issue's hidden marker names. Anyone can write a marker into an issue, so this is
 * only a hint of which record to read: the record itself must name the issue (see recordOfIssue).
 */
export function incidentHint(issue: IssueView): string | null {
  const id = findMarker(issue.body, "incident")?.id;
  return typeof id === "string" && isIncidentId(id) ? id : null;
}

export function needsOf(event: DoorEvent, now: string): Needs {
  switch (event.door) {
    case "alerts":
    case "declaration":
      return { ...NONE, live: true, usedIdsOn: utcDay(now) };
    case "backstop":
      return { ...NONE, live: true };
    case "timer":
      return { ...NONE, ids: [event.incidentId] };
    case "command": {
      const { author, id } = event.comment;
      if (event.parsed.commands.length === 0 || author.type === "Bot") return NONE;
      const hint = incidentHint(event.issue);
      return { ...NONE, ...issueRecord(event.issue, hint), role: author.login, assignable: loginsToCheck(event.parsed), handled: id };
    }
    case "edit":
      return { ...NONE, ...issueRecord(event.issue, incidentHint(event.issue)), role: event.sender.type === "Bot" ? null : event.sender.login };
    case "postmortem":
    case null:
      return NONE;
  }
}

/** The record of an issue: by its marker's id; without one, an `incident`-labelled issue is looked for in the live set. */
function issueRecord(issue: IssueView, hint: string | null): Pick<Needs, "ids" | "live"> {
  if (hint) return { ids: [hint], live: false };
  return { ids: [], live: issue.labels.includes("incident") };
}

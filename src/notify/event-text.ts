// The words of a notification: a one-line headline and the internal and external texts, rendered
// as plain text from the repository's communication templates (communication.yaml), the seed's
// messages. Events with no template of their own say what happened in one built sentence; an
// escalation or a severity raise reaches a new audience, so it carries the initial alert too.
// Pure: the record and the time are arguments.
import { formatDateTime } from "../render/format.js";
import { messageContext, messageTemplateId, renderMessage, type MessageEvent, type MessageOptions } from "../render/message.js";
import { plainInline } from "../render/plain.js";
import type { LifecycleEvent, Notification, NotificationInput } from "./notification.js";

type Texts = Pick<Notification, "headline" | "internalText" | "externalText">;

/** The communication template event behind each lifecycle event; null: no template, a built sentence. */
const TEMPLATE_EVENT: Record<LifecycleEvent, MessageEvent | null> = {
  open: "initial_alert",
  escalate: "initial_alert",
  raise: "initial_alert",
  update: "update",
  resolve: "resolution",
  acknowledge: null,
  reopen: null,
};

const TEST_NOTE = "This is a test message from incident-as-code: no incident is open and nobody needs to act.";
export const HEADLINE_MAX = 250;

export function eventTexts(input: NotificationInput, links: Notification["links"]): Texts {
  const { record, policies, event } = input;
  const zone = policies.escalation.calendar.timeZone;
  const at = formatDateTime(input.now, zone);
  const by = input.actor ? ` by @${input.actor}` : "";
  const opts: MessageOptions = {
    now: input.now,
    issueUrl: links.issue,
    postmortemUrl: links.postmortem,
    ...(input.update ? { progress: input.update.progress, ...(input.update.currentActions ? { currentActions: input.update.currentActions } : {}), nextUpdate: input.update.nextUpdate ?? null } : {}),
  };
  const ctx = messageContext(record, policies, opts, "plain");
  const render = (audience: "internal" | "external"): string | null => {
    const templateEvent = TEMPLATE_EVENT[event];
    const id = templateEvent && messageTemplateId(policies, templateEvent, record.severity, audience);
    return id ? renderMessage(id, ctx, policies, { flavour: "plain" }) : null;
  };
  const what: Record<LifecycleEvent, string> = {
    open: "Incident declared",
    acknowledge: `Acknowledged${by}`,
    update: "Update",
    escalate: `Escalated${input.escalationStep ? ` (step ${input.escalationStep})` : ""}`,
    raise: `Severity raised${input.previousSeverity ? ` from ${input.previousSeverity}` : ""}`,
    resolve: "Resolved",
    reopen: `Reopened${by}`,
  };
  const summary = `${record.id} (${record.severity}, ${policies.services[record.service]?.name ?? record.service})`;
  const built: Record<LifecycleEvent, string> = {
    open: `${record.severity} incident declared: ${record.title}\n\nIncident ID: ${record.id}`,
    acknowledge: `Incident ${summary} was acknowledged${by} at ${at}.`,
    update: `Update on incident ${summary} at ${at}.${input.update ? `\n\n${input.update.progress}` : ""}`,
    escalate: `Incident ${summary} was escalated at ${at}.`,
    raise: `Incident ${summary} was raised to ${record.severity} at ${at}.`,
    resolve: `Incident ${summary} was resolved at ${at}.`,
    reopen: `Incident ${summary} was reopened${by} at ${at}; it is ${record.status} again.`,
  };
  let internal = render("internal") ?? built[event];
  // A new audience hears why it is being told, above the initial alert it has not seen.
  if (event === "escalate") internal = `Escalated${input.escalationStep ? ` to step ${input.escalationStep}` : ""}: not acknowledged in time, so you are being notified now.\n\n${internal}`;
  if (event === "raise") internal = `Severity raised${input.previousSeverity ? ` from ${input.previousSeverity}` : ""} to ${record.severity}.\n\n${internal}`;
  const external = render("external");
  const test = input.test === true;
  return {
    headline: plainInline(`${test ? "[TEST] " : ""}[${record.severity}] ${what[event]}: ${record.title}`, HEADLINE_MAX),
    internalText: test ? `${TEST_NOTE}\n\n${internal}` : internal,
    externalText: external && test ? `${TEST_NOTE}\n\n${external}` : external,
  };
}

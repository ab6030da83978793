// The public updates of an incident: one per event the status page triggers name (created,
// updated, resolved), each rendered from the repository's *external* template for that event and
// severity. The template gets a public context: the record's internal text (title, impact and
// root-cause text, /update text, commander, the issue) is blanked before rendering, so even a
// template that names those variables cannot put internal text on the public page.
import MarkdownIt from "markdown-it";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { messageContext, messageTemplateId, renderMessage, type MessageEvent } from "../render/message.js";
import type { PublicIncidentStatus, PublicUpdate } from "./model.js";

/** The context keys that carry text written during an incident, and what the public sees instead. */
function publicContext(record: IncidentRecord, policies: Policies, at: string, status: PublicIncidentStatus, subject: PublicSubject): Record<string, unknown> {
  const level = policies.severities[record.severity];
  const nextUpdate = status !== "resolved" && level.updateEvery !== null ? new Date(Date.parse(at) + level.updateEvery).toISOString() : null;
  const context = messageContext(record, policies, { now: at, nextUpdate, channel: "" });
  return {
    ...context,
    title: subject.name,
    status,
    // The status page's own names for what is affected (communication.yaml), not the catalogue's.
    service_name: subject.components.join(", "),
    affected_service: subject.components.join(", "),
    impact_description: "",
    progress_summary: "",
    current_actions: "",
    root_cause_summary: "",
    commander_name: "",
    channel: "",
    postmortem_date: "",
  };
}

// Raw HTML off: template output is markdown whose values are already escaped, and nothing in it
// may become markup. `breaks` as in GitHub comments, which these templates are also written for.
const markdown = new MarkdownIt({ html: false, linkify: false, breaks: true });

/** Markdown → plain text: the text of the inline tokens, line breaks kept, paragraphs apart. */
function plainText(md: string): string {
  const paragraphs: string[] = [];
  for (const token of markdown.parse(md, {})) {
    if (token.type !== "inline") continue;
    let text = "";
    for (const child of token.children ?? []) {
      if (child.type === "text" || child.type === "code_inline") text += child.content;
      else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
    }
    paragraphs.push(text.replace(/\u200B/g, ""));
  }
  return paragraphs.join("\n\n");
}

/** What the public is told is affected: the incident's public name and its component names. */
export interface PublicSubject {
  name: string;
  components: string[];
}

interface Event {
  at: string;
  event: MessageEvent;
  status: PublicIncidentStatus;
}

const TRIGGER: Record<MessageEvent, "incident_created" | "incident_updated" | "incident_resolved"> = {
  initial_alert: "incident_created",
  update: "incident_updated",
  resolution: "incident_resolved",
};

/**
 * The status changes and updates of a record, as public events. A status entry's text starts
 * "from → to" (the state machine writes it); what follows the target is internal and never read.
 * Acknowledgement is internal: the public status stays "investigating".
 */
function events(record: IncidentRecord): Event[] {
  const out: Event[] = [{ at: record.timestamps.detected, event: "initial_alert", status: "investigating" }];
  let current: PublicIncidentStatus = "investigating";
  for (const entry of record.timeline) {
    if (entry.kind === "status") {
      const to = /→\s*([a-z-]+)/.exec(entry.text)?.[1] ?? "";
      if (to === "resolved") {
        out.push({ at: entry.at, event: "resolution", status: "resolved" });
        current = "resolved";
      } else if (to === "investigating" || to === "identified" || to === "monitoring") {
        current = to;
        out.push({ at: entry.at, event: "update", status: to });
      }
    } else if (entry.kind === "update" && current !== "resolved") {
      out.push({ at: entry.at, event: "update", status: current });
    }
  }
  // Resolved without a status entry (a hand-edited record): the resolution still gets its update.
  if (record.timestamps.resolved !== null && current !== "resolved") out.push({ at: record.timestamps.resolved, event: "resolution", status: "resolved" });
  return out;
}

/**
 * Public updates of `record`, newest first: the events whose trigger exists in communication.yaml
 * (and whose severity filter admits the record) and that have an external template.
 */
export function publicUpdates(record: IncidentRecord, policies: Policies, subject: PublicSubject): PublicUpdate[] {
  const triggers = policies.communication.statusPage.triggers;
  const updates: PublicUpdate[] = [];
  for (const e of events(record)) {
    if (!triggers.some((t) => t.event === TRIGGER[e.event] && t.severities.includes(record.severity))) continue;
    const id = messageTemplateId(policies, e.event, record.severity, "external");
    if (id === null) continue;
    const md = renderMessage(id, publicContext(record, policies, e.at, e.status, subject), policies, { max: 10_000 });
    updates.push({ at: e.at, status: e.status, body: plainText(md), body_html: markdown.render(md).trim() });
  }
  // Oldest first (stable, so same-instant events keep their order), then reversed: newest first.
  return updates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).reverse();
}

/** The record's public status now: its last public event's. */
export function publicStatus(record: IncidentRecord): PublicIncidentStatus {
  return events(record).at(-1)?.status ?? "investigating";
}

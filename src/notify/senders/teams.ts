// Microsoft Teams through a Workflows webhook ("Send webhook alerts to a channel", the successor
// of Office 365 connectors): a message whose one attachment is an Adaptive Card. Version 1.4,
// because Teams Workflows render nothing for cards that declare a higher version (reported by
// users of Alertmanager and notify-microsoft-teams; Microsoft's docs do not say so), and only
// elements that exist in 1.4 (TextBlock, FactSet, Action.OpenUrl). Each line of the message is its
// own TextBlock: Teams collapses single newlines inside one.
import type { Delivery, SendContext } from "../delivery.js";
import { postJson } from "../http.js";
import { adaptiveText, fit } from "../medium.js";
import type { Notification } from "../notification.js";

export const ADAPTIVE_CARD_VERSION = "1.4";
const LINES_MAX = 120; // a long update is cut; the rest is on the issue
const LINE_MAX = 2_000;

type Element = Record<string, unknown>;

/** The Workflows webhook body for a notification. */
export function teamsMessage(n: Notification): Record<string, unknown> {
  const urgent = n.severity === "P0" || n.severity === "P1";
  const lines = n.internalText.split("\n");
  const body: Element[] = [
    { type: "TextBlock", text: fit(adaptiveText(n.headline), LINE_MAX), weight: "Bolder", size: "Large", wrap: true, ...(urgent ? { color: "Attention" } : {}) },
    {
      type: "FactSet",
      facts: [
        { title: "Severity", value: n.previousSeverity ? `${n.previousSeverity} → ${n.severity}` : n.severity },
        { title: "Service", value: fit(adaptiveText(n.service), LINE_MAX) },
        { title: "Commander", value: n.commander ? `@${n.commander}` : "unassigned" },
        { title: "Status", value: n.status },
      ],
    },
  ];
  let gap = true; // the first text line is spaced from the facts
  for (const line of lines.slice(0, LINES_MAX)) {
    if (line.trim() === "") {
      gap = true;
      continue;
    }
    body.push({ type: "TextBlock", text: fit(adaptiveText(line), LINE_MAX), wrap: true, spacing: gap ? "Medium" : "None" });
    gap = false;
  }
  if (lines.length > LINES_MAX) body.push({ type: "TextBlock", text: "… the rest of this message is on the incident issue", isSubtle: true, wrap: true });
  const actions = [
    ...(n.links.issue ? [{ type: "Action.OpenUrl", title: `Open incident ${n.incidentId}`, url: n.links.issue }] : []),
    ...(n.links.statusPage ? [{ type: "Action.OpenUrl", title: "Status page", url: n.links.statusPage }] : []),
  ];
  return {
    type: "message",
    summary: fit(adaptiveText(n.headline), 250),
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: ADAPTIVE_CARD_VERSION,
          body,
          ...(actions.length ? { actions } : {}),
          msteams: { width: "Full" },
        },
      },
    ],
  };
}

export async function sendTeams(n: Notification, ctx: SendContext): Promise<Delivery> {
  return postJson({ url: ctx.secret, body: JSON.stringify(teamsMessage(n)), retry: ctx.retry, secrets: ctx.secrets, log: ctx.log });
}

// Slack incoming webhook with Block Kit: a header, the facts (severity, service, commander,
// status), the seed's message, and a link to the incident. Within Slack's documented limits:
// header text ≤ 150, section text ≤ 3,000, a field ≤ 2,000, ≤ 10 fields, ≤ 50 blocks, and a
// fallback `text` for notifications. Untrusted text is escaped (medium.ts) and sent `verbatim`, so
// Slack neither parses mentions out of it nor links channel names.
import type { Delivery, SendContext } from "../delivery.js";
import { postJson } from "../http.js";
import { chunks, fit, slackMrkdwn, slackPlain } from "../medium.js";
import type { Notification } from "../notification.js";

export const SLACK_LIMITS = { header: 150, section: 3_000, field: 2_000, fields: 10, blocks: 50, text: 3_000 } as const;
const TEXT_BLOCKS_MAX = SLACK_LIMITS.blocks - 5; // header, facts, external, link, and one for the cut note

type Block = Record<string, unknown>;

const mrkdwn = (text: string): Block => ({ type: "mrkdwn", text, verbatim: true });

/** The incoming-webhook body for a notification. */
export function slackMessage(n: Notification): { text: string; blocks: Block[] } {
  const fact = (label: string, value: string) => mrkdwn(fit(`*${label}*\n${slackMrkdwn(value)}`, SLACK_LIMITS.field));
  const facts = [fact("Severity", n.previousSeverity ? `${n.previousSeverity} → ${n.severity}` : n.severity), fact("Service", n.service), fact("Commander", n.commander ? `@${n.commander}` : "unassigned"), fact("Status", n.status)];
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: fit(slackPlain(n.headline), SLACK_LIMITS.header), emoji: true } },
    { type: "section", fields: facts.slice(0, SLACK_LIMITS.fields) },
  ];
  const parts = chunks(slackMrkdwn(n.internalText), SLACK_LIMITS.section);
  for (const part of parts.slice(0, TEXT_BLOCKS_MAX)) blocks.push({ type: "section", text: mrkdwn(part) });
  if (parts.length > TEXT_BLOCKS_MAX) blocks.push({ type: "context", elements: [mrkdwn("… the rest of this message is on the incident issue")] });
  const links = [n.links.issue ? `<${linkTarget(n.links.issue)}|Incident ${slackMrkdwn(n.incidentId)} on GitHub>` : null, n.links.statusPage ? `<${linkTarget(n.links.statusPage)}|Status page>` : null].filter((l): l is string => l !== null);
  if (links.length > 0) blocks.push({ type: "context", elements: [mrkdwn(links.join("  ·  "))] });
  return { text: fit(slackMrkdwn(n.headline), SLACK_LIMITS.text), blocks };
}

/** A URL inside `<…|…>`: `&` as Slack's entity, the characters that would end it percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, "&amp;");
}

export async function sendSlack(n: Notification, ctx: SendContext): Promise<Delivery> {
  return postJson({ url: ctx.secret, body: JSON.stringify(slackMessage(n)), retry: ctx.retry, secrets: ctx.secrets, log: ctx.log });
}

// E-mail over SMTP with nodemailer: plain text and HTML, one message to the audience's addresses
// (teams.yaml `people`; a GitHub login is not an address) plus the channel's fixed `to`. Every
// message of one incident carries the same `References`, so mail clients thread them; retries of
// one notification share a Message-ID. SMTP 4xx replies and connection failures are retried with
// backoff (p-retry); 5xx replies and authentication failures are permanent (RFC 5321 §4.2.1).
import pRetry from "p-retry";
import type { Delivery, SendContext } from "../delivery.js";
import { headerLine, html } from "../medium.js";
import type { Notification } from "../notification.js";
import { redact } from "../redact.js";
import { webhookId } from "./signed.js";

const NETWORK = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET"]);

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  references: string;
  /** Audience logins without an address. */
  missing: string[];
}

/** The mail for a notification (addresses from the recipients and the channel's `to`). */
export function emailMessage(n: Notification, fixed: readonly string[]): EmailMessage {
  const to = [...new Set([...fixed, ...n.recipients.flatMap((r) => (r.email ? [r.email] : []))])];
  const facts: [string, string][] = [
    ["Severity", n.previousSeverity ? `${n.previousSeverity} → ${n.severity}` : n.severity],
    ["Service", n.service],
    ["Commander", n.commander ? `@${n.commander}` : "unassigned"],
    ["Status", n.status],
  ];
  const link = n.links.issue ? `Incident ${n.incidentId}: ${n.links.issue}` : `Incident ${n.incidentId}`;
  const text = [n.headline, "", ...facts.map(([k, v]) => `${k}: ${v}`), "", n.internalText, "", link].join("\n");
  const rows = facts.map(([k, v]) => `<tr><th align="left">${html(k)}</th><td>${html(v)}</td></tr>`).join("");
  const anchor = n.links.issue ? `<p><a href="${html(n.links.issue)}">Open incident ${html(n.incidentId)} on GitHub</a></p>` : "";
  const body = `<!doctype html><html><body style="font-family:sans-serif"><h2>${html(n.headline)}</h2><table cellpadding="4">${rows}</table><pre style="white-space:pre-wrap;font-family:inherit">${html(n.internalText)}</pre>${anchor}</body></html>`;
  return {
    to,
    subject: headerLine(n.headline),
    text,
    html: body,
    messageId: `<${webhookId(n.idempotencyKey)}@incident-as-code>`,
    references: `<incident-${n.incidentId.replace(/[^A-Za-z0-9._-]/g, "")}@incident-as-code>`,
    missing: n.recipients.filter((r) => !r.email).map((r) => r.login),
  };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
}

function transient(e: unknown): boolean {
  const err = e as SmtpError;
  if (typeof err.responseCode === "number") return err.responseCode < 500;
  return typeof err.code === "string" && NETWORK.has(err.code);
}

function describe(e: unknown): string {
  const err = e as SmtpError;
  if (typeof err.responseCode === "number") return `SMTP ${err.responseCode}${err.response ? `: ${err.response}` : ""}`;
  return err.code ? `SMTP failure (${err.code})` : "SMTP failure";
}

export async function sendEmail(n: Notification, ctx: SendContext): Promise<Delivery> {
  const mail = emailMessage(n, ctx.channel.to);
  const notes = mail.missing.length ? [`no e-mail address in teams.yaml people for ${mail.missing.join(", ")}`] : [];
  if (mail.to.length === 0) return { outcome: "permanent", attempts: 0, reason: `nobody to e-mail: ${notes[0] ?? "no recipients"}, and channel ${ctx.channel.id} has no \`to\`` };
  if (!ctx.channel.from) return { outcome: "permanent", attempts: 0, reason: `channel ${ctx.channel.id} has no \`from\` address` };
  if (!/^smtps?:\/\//i.test(ctx.secret)) return { outcome: "permanent", attempts: 0, reason: "the secret is not an smtp:// or smtps:// URL" };
  const say = (s: string) => redact(s, ctx.secrets);
  const t = ctx.retry.timeoutMs;
  // Loaded here, not at start-up: nodemailer is a large part of the CLI and most runs send no mail.
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({ url: ctx.secret, connectionTimeout: t, greetingTimeout: t, socketTimeout: t });
  let attempts = 0;
  try {
    const info = await pRetry(
      async () => {
        attempts++;
        return transport.sendMail({ from: ctx.channel.from ?? "", to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, references: mail.references, headers: { "X-Incident-Id": n.incidentId } });
      },
      {
        retries: ctx.retry.attempts - 1,
        factor: 2,
        minTimeout: ctx.retry.backoffMs,
        maxTimeout: ctx.retry.backoffLimitMs,
        randomize: true,
        maxRetryTime: ctx.retry.budgetMs,
        signal: AbortSignal.timeout(ctx.retry.budgetMs),
        shouldRetry: ({ error }) => transient(error),
        onFailedAttempt: ({ error, attemptNumber }) => ctx.log(say(`e-mail: ${describe(error)}; try ${attemptNumber} of ${ctx.retry.attempts}`)),
      },
    );
    const rejected = info.rejected;
    if (rejected.length) notes.push(`the server refused ${rejected.join(", ")}`);
    return { outcome: "delivered", attempts, answer: say(info.response), notes };
  } catch (e) {
    const reason = say(describe(e));
    return transient(e) ? { outcome: "retryable", attempts, reason, retryAfterMs: null } : { outcome: "permanent", attempts, reason };
  } finally {
    transport.close();
  }
}

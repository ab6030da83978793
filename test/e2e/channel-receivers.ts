// Loopback receivers standing in for every channel of the shipped routing policy, for `npm run
// demo` and the end-to-end notification tests: one HTTP server (a path per channel, so each
// message is attributed to the secret it was sent with) and one SMTP server. `env` is what a
// workflow passes as secrets; `seed` points the PagerDuty channel's endpoint at the receiver (the
// Events API's address is a policy field, not a secret). Jira and the GitHub-native channels have no
// sender: their fallbacks apply, so they have no receiver.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answers, startReceiver, startSmtp, type Mail, type Received, type Receiver, type Script, type SmtpReceiver } from "../../src/notify/receivers.test-helpers.js";

/** A Standard Webhooks signing key (whsec_ + base64), as `openssl rand -base64 32` would give. */
export const SIGNING_KEY = `whsec_${Buffer.from("demo-signing-key-0123456789abcdef").toString("base64")}`;
export const PAGERDUTY_ROUTING_KEY = "0123456789abcdef0123456789abcdef";

/** Each HTTP channel of policies/routing.yaml → the path its secret's URL points at. */
const PATHS = {
  pagerduty: "/pagerduty/v2/enqueue",
  "slack-incidents": "/slack/services/T000/B001/IncidentsChannelToken",
  "slack-team": "/slack/services/T000/B002/TeamChannelToken",
  "teams-leadership": "/teams/workflows/leadership",
  "incident-webhook": "/webhook/incidents",
  "phone-call": "/phone/page",
} as const;
export type HttpChannel = keyof typeof PATHS;

export interface ChannelReceivers {
  /** The workflow's secrets, pointing at the receivers. */
  env: Record<string, string>;
  /** Edits a seeded repository: the PagerDuty channel's `endpoint` becomes the receiver. */
  seed(dir: string): void;
  /** What each HTTP channel received, in order, with the status it was answered. */
  http(channel: HttpChannel): (Received & { status: number })[];
  mail(): Mail[];
  /** Messages received so far, over all channels. */
  count(): number;
  close(): Promise<void>;
}

/** `script` answers every HTTP request (default: 200 / PagerDuty's 202). */
export async function startChannelReceivers(script?: Script): Promise<ChannelReceivers> {
  const pagerdutyAccepts: Script = (req, n) => (req.path === PATHS.pagerduty ? { status: 202, body: '{"status":"success","message":"Event processed"}' } : answers.ok()(req, n));
  const statuses: number[] = [];
  const answer = script ?? pagerdutyAccepts;
  const web: Receiver = await startReceiver((req, n) => {
    const a = answer(req, n);
    statuses.push(a.status);
    return a;
  });
  const smtp: SmtpReceiver = await startSmtp();
  const url = (c: HttpChannel) => `${web.url}${PATHS[c]}`;
  return {
    env: {
      PAGERDUTY_ROUTING_KEY,
      SLACK_INCIDENTS_WEBHOOK_URL: url("slack-incidents"),
      SLACK_TEAM_WEBHOOK_URL: url("slack-team"),
      TEAMS_LEADERSHIP_WEBHOOK_URL: url("teams-leadership"),
      INCIDENT_WEBHOOK_URL: url("incident-webhook"),
      INCIDENT_WEBHOOK_SIGNING_SECRET: SIGNING_KEY,
      PHONE_CALL_WEBHOOK_URL: url("phone-call"),
      PHONE_CALL_SIGNING_SECRET: SIGNING_KEY,
      SMTP_URL: smtp.url,
    },
    seed(dir) {
      const file = join(dir, "policies/routing.yaml");
      const text = readFileSync(file, "utf8");
      const anchor = "    secret: PAGERDUTY_ROUTING_KEY\n";
      if (!text.includes(anchor)) throw new Error(`${file}: the pagerduty channel's secret line moved; cannot set its endpoint`);
      writeFileSync(file, text.replace(anchor, `${anchor}    endpoint: ${url("pagerduty")}\n`));
    },
    http: (c) => web.received.flatMap((r, i) => (r.path === PATHS[c] ? [{ ...r, status: statuses[i] ?? 0 }] : [])),
    mail: () => smtp.messages,
    count: () => web.received.length + smtp.messages.length,
    close: async () => {
      await Promise.all([web.close(), smtp.close()]);
    },
  };
}

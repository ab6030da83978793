import { afterEach, describe, expect, it } from "vitest";
import type { Channel } from "../config/types.js";
import type { Delivery } from "./delivery.js";
import { channel, notification, policies } from "./fixtures.test-helpers.js";
import type { LifecycleEvent } from "./notification.js";
import { startReceiver, startSmtp, TEST_RETRY, type Receiver, type SmtpReceiver } from "./receivers.test-helpers.js";
import { channelSecrets, deliver } from "./send.js";

const KEY = `whsec_${Buffer.from("fedcba9876543210fedcba9876543210").toString("base64")}`;
const LIFECYCLE: LifecycleEvent[] = ["open", "acknowledge", "update", "escalate", "resolve"];

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});
async function http(script?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(script);
  closers.push(() => r.close());
  return r;
}
async function smtp(): Promise<SmtpReceiver> {
  const s = await startSmtp({ user: "mailer", pass: "SmtpPassw0rd!" });
  closers.push(() => s.close());
  return s;
}

/** Sends the lifecycle through one channel, as the shipped policy defines it, with `env` as the secrets. */
async function lifecycle(ch: Channel, env: Record<string, string>, log: string[] = []): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const [i, event] of LIFECYCLE.entries()) {
    const n = notification(event, { channel: ch.id, seq: i, actor: "bob-example", escalationStep: 1, ...(event === "update" ? { update: { progress: "Rolled back" } } : {}) });
    out.push(await deliver(n, ch, env, { retry: TEST_RETRY, log: (l) => log.push(l) }));
  }
  return out;
}
const outcomes = (ds: Delivery[]) => ds.map((d) => d.outcome);

describe("open → acknowledge → update → escalate → resolve, through each shipped channel", () => {
  it("PagerDuty: one trigger, one acknowledge, one resolve, one dedup_key", async () => {
    const r = await http(() => ({ status: 202, body: '{"status":"success"}' }));
    const ch = { ...(policies.routing.channels["pagerduty"] as Channel), endpoint: `${r.url}/v2/enqueue` };
    expect(outcomes(await lifecycle(ch, { PAGERDUTY_ROUTING_KEY: "0123456789abcdef0123456789abcdef" }))).toEqual(["delivered", "delivered", "skipped", "skipped", "delivered"]);
    const events = r.received.map((_, i) => r.json(i) as { event_action: string; dedup_key: string });
    expect(events.map((e) => e.event_action)).toEqual(["trigger", "acknowledge", "resolve"]);
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set(["2026-11-27-001"]));
  });

  it("Slack: one message per lifecycle event", async () => {
    const r = await http();
    const ch = policies.routing.channels["slack-incidents"] as Channel;
    expect(outcomes(await lifecycle(ch, { SLACK_INCIDENTS_WEBHOOK_URL: `${r.url}/services/T1/B1/abcdefabcdefabcdefabcdef` }))).toEqual(["delivered", "delivered", "delivered", "delivered", "delivered"]);
    expect(r.received.map((_, i) => (r.json(i) as { text: string }).text.split(":")[0])).toEqual(["[P1] Incident declared", "[P1] Acknowledged by @bob-example", "[P1] Update", "[P1] Escalated (step 1)", "[P1] Resolved"]);
  });

  it("Teams: one card per lifecycle event", async () => {
    const r = await http(() => ({ status: 202 }));
    const ch = policies.routing.channels["teams-leadership"] as Channel;
    expect(outcomes(await lifecycle(ch, { TEAMS_LEADERSHIP_WEBHOOK_URL: `${r.url}/workflows/x/triggers/manual/paths/invoke?sig=abcdefabcdefabcdef` }))).toEqual(["delivered", "delivered", "delivered", "delivered", "delivered"]);
    expect(r.received).toHaveLength(5);
  });

  it("the signed webhook: every event, each verifiable, each with its own id", async () => {
    const r = await http();
    const ch = policies.routing.channels["incident-webhook"] as Channel;
    expect(outcomes(await lifecycle(ch, { INCIDENT_WEBHOOK_URL: r.url, INCIDENT_WEBHOOK_SIGNING_SECRET: KEY }))).toEqual(["delivered", "delivered", "delivered", "delivered", "delivered"]);
    expect(r.received.map((_, i) => (r.json(i) as { type: string }).type)).toEqual(["incident.open", "incident.acknowledge", "incident.update", "incident.escalate", "incident.resolve"]);
    expect(new Set(r.received.map((q) => q.headers["webhook-id"])).size).toBe(5);
  });

  it("the phone bridge: called on open and escalation only", async () => {
    const r = await http(() => ({ status: 202 }));
    const ch = policies.routing.channels["phone-call"] as Channel;
    expect(outcomes(await lifecycle(ch, { PHONE_CALL_WEBHOOK_URL: r.url, PHONE_CALL_SIGNING_SECRET: KEY }))).toEqual(["delivered", "skipped", "skipped", "delivered", "skipped"]);
    expect(r.received.map((_, i) => (r.json(i) as { data: { event: string } }).data.event)).toEqual(["open", "escalate"]);
  });

  it("e-mail: one message per event but the acknowledgement, to the audience", async () => {
    const s = await smtp();
    const ch = policies.routing.channels["email"] as Channel;
    expect(outcomes(await lifecycle(ch, { SMTP_URL: s.url }))).toEqual(["delivered", "skipped", "delivered", "delivered", "delivered"]);
    expect(s.messages).toHaveLength(4);
    for (const m of s.messages) expect(m.to.sort()).toEqual(["alice@example.com", "bob@example.com"]);
  });
});

describe("deliver", () => {
  it("no secret: unconfigured, with the channel's GitHub-native fallback, and nothing sent", async () => {
    for (const id of ["pagerduty", "slack-incidents", "email", "phone-call"]) {
      const ch = policies.routing.channels[id] as Channel;
      expect(await deliver(notification("open"), ch, {})).toEqual({ outcome: "unconfigured", reason: `secret ${ch.secret ?? ""} is not set`, fallback: ch.fallback });
    }
    expect(await deliver(notification("open"), channel("slack"), { TEST_SECRET: "   " })).toMatchObject({ outcome: "unconfigured" });
  });

  it("Jira and the GitHub-native types have no adapter: their fallback applies", async () => {
    const jira = policies.routing.channels["jira"] as Channel;
    expect(await deliver(notification("open"), jira, { JIRA_API_TOKEN: "x" })).toMatchObject({ outcome: "unconfigured", fallback: "label" });
  });

  it("a configured signing secret that is not set: nothing is sent unsigned", async () => {
    const r = await http();
    const ch = policies.routing.channels["incident-webhook"] as Channel;
    const d = await deliver(notification("open"), ch, { INCIDENT_WEBHOOK_URL: r.url });
    expect(d).toEqual({ outcome: "permanent", attempts: 0, reason: "signing secret INCIDENT_WEBHOOK_SIGNING_SECRET is not set; nothing was sent unsigned" });
    expect(r.received).toHaveLength(0);
  });

  it("never lets a secret out: deliveries and logs of failing, echoing receivers carry none", async () => {
    const echo = (status: number) => (req: { path: string; body: string; headers: Record<string, unknown> }) => ({ status, body: `${req.path} ${req.body.slice(0, 300)} ${JSON.stringify(req.headers)}` });
    const secrets = { slack: "SlackHookT0K3Nabcdefghijkl", pd: "PdRoutingKey0123456789abcdef012", teams: "TeamsSig0123456789abcdefXYZ" };
    const log: string[] = [];
    const results: Delivery[] = [];
    for (const status of [403, 503]) {
      const r = await http(echo(status));
      const env = {
        SLACK_INCIDENTS_WEBHOOK_URL: `${r.url}/services/T9/B9/${secrets.slack}`,
        PAGERDUTY_ROUTING_KEY: secrets.pd,
        TEAMS_LEADERSHIP_WEBHOOK_URL: `${r.url}/invoke?sig=${secrets.teams}`,
        INCIDENT_WEBHOOK_URL: `${r.url}/hook/${secrets.slack}`,
        INCIDENT_WEBHOOK_SIGNING_SECRET: KEY,
      };
      for (const id of ["slack-incidents", "pagerduty", "teams-leadership", "incident-webhook"]) {
        const ch = { ...(policies.routing.channels[id] as Channel), ...(id === "pagerduty" ? { endpoint: r.url } : {}) };
        results.push(await deliver(notification("open"), ch, env, { retry: TEST_RETRY, log: (l) => log.push(l) }));
      }
    }
    expect(outcomes(results)).toEqual(["permanent", "permanent", "permanent", "permanent", "retryable", "retryable", "retryable", "retryable"]);
    const everything = JSON.stringify({ results, log });
    for (const s of [...Object.values(secrets), KEY, KEY.slice(6)]) expect(everything).not.toContain(s);
    expect(log.length).toBeGreaterThan(0);
  });
});

describe("channelSecrets", () => {
  it("reads the named secrets and lists what the Action must mask, parts of URLs included", () => {
    const ch = policies.routing.channels["email"] as Channel;
    const s = channelSecrets(ch, { SMTP_URL: "smtps://mailer:S3cretPass@smtp.example.com:465" });
    expect(s).toMatchObject({ secret: "smtps://mailer:S3cretPass@smtp.example.com:465", signingKey: null, missing: [] });
    expect(s.mask).toContain("S3cretPass");
    expect(channelSecrets(policies.routing.channels["incident-webhook"] as Channel, {}).missing).toEqual(["INCIDENT_WEBHOOK_URL", "INCIDENT_WEBHOOK_SIGNING_SECRET"]);
  });
});

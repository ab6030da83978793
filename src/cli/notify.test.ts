import { afterEach, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { Channel } from "../config/types.js";
import { answers, downUrl, startReceiver, startSmtp, TEST_RETRY } from "../notify/receivers.test-helpers.js";
import { runNotifyTest, type NotifyDeps } from "./notify.js";

const KEY = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
const NOW = new Date("2026-11-27T18:30:00Z");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

function run(channel: string, env: Record<string, string>, opts: { severity?: string; to?: string[]; policies?: NotifyDeps["policies"] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: NotifyDeps = { policies: opts.policies ?? { policies: shippedPolicies(), issues: [] }, env: { GITHUB_REPOSITORY: "acme/ops", ...env }, now: NOW, retry: TEST_RETRY };
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
  return runNotifyTest({ channel, ...(opts.severity ? { severity: opts.severity } : {}), ...(opts.to ? { to: opts.to } : {}) }, deps, io).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}
async function receiver(script?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(script);
  closers.push(() => r.close());
  return r;
}

describe("incident notify test", () => {
  it("Slack: sends one marked test message and prints the receiver's answer", async () => {
    const r = await receiver(answers.ok());
    const url = `${r.url}/services/T1/B1/SecretPathToken123456`;
    const { code, out, err } = await run("slack-incidents", { SLACK_INCIDENTS_WEBHOOK_URL: url });
    expect(code).toBe(0);
    expect(out).toBe(["sending a test open (P3) through slack-incidents (slack)", "  delivered after 1 try; the receiver answered: HTTP 200: ok", "OK: slack-incidents works"].join("\n"));
    expect(err).toBe("");
    expect((r.json(0) as { text: string }).text).toBe("[TEST] [P3] Incident declared: Test notification: no action needed");
    expect(`${out}${err}`).not.toContain("SecretPathToken");
  });

  it("PagerDuty: a trigger then a resolve with one dedup_key, at the severity asked for", async () => {
    const r = await receiver(() => ({ status: 202, body: '{"status":"success","message":"Event processed"}' }));
    const policies = shippedPolicies();
    const withEndpoint = { ...policies, routing: { ...policies.routing, channels: { ...policies.routing.channels, pagerduty: { ...(policies.routing.channels["pagerduty"] as Channel), endpoint: r.url } } } };
    const { code, out } = await run("pagerduty", { PAGERDUTY_ROUTING_KEY: "0123456789abcdef0123456789abcdef" }, { severity: "P0", policies: { policies: withEndpoint, issues: [] } });
    expect(code).toBe(0);
    expect(out).toContain('the receiver answered: HTTP 202: {"status":"success","message":"Event processed"}');
    const events = r.received.map((_, i) => r.json(i) as { event_action: string; dedup_key: string; payload?: { severity: string } });
    expect(events.map((e) => e.event_action)).toEqual(["trigger", "resolve"]);
    expect(events[0]?.dedup_key).toBe("test-20261127183000");
    expect(events[1]?.dedup_key).toBe(events[0]?.dedup_key);
    expect(events[0]?.payload?.severity).toBe("critical");
  });

  it("Teams, the signed webhook and the phone bridge each take a test", async () => {
    const r = await receiver(() => ({ status: 202 }));
    expect((await run("teams-leadership", { TEAMS_LEADERSHIP_WEBHOOK_URL: `${r.url}/teams` })).code).toBe(0);
    expect((await run("incident-webhook", { INCIDENT_WEBHOOK_URL: `${r.url}/hook`, INCIDENT_WEBHOOK_SIGNING_SECRET: KEY })).code).toBe(0);
    expect((await run("phone-call", { PHONE_CALL_WEBHOOK_URL: `${r.url}/page`, PHONE_CALL_SIGNING_SECRET: KEY }, { to: ["alice-example"] })).code).toBe(0);
    expect(r.received.map((q) => q.path)).toEqual(["/teams", "/hook", "/page"]);
    const hook = r.received[1];
    const payload = new Webhook(KEY).verify(hook?.body ?? "", { "webhook-id": String(hook?.headers["webhook-id"]), "webhook-timestamp": String(hook?.headers["webhook-timestamp"]), "webhook-signature": String(hook?.headers["webhook-signature"]) }) as { data: { test: boolean } };
    expect(payload.data.test).toBe(true);
    expect((r.json(2) as { data: { people: { phone: string }[]; message: string } }).data).toMatchObject({ people: [{ phone: "+15555550100" }], message: expect.stringMatching(/^This is a test\./) as unknown });
  });

  it("e-mail: to the people named with --to, at their teams.yaml addresses", async () => {
    const smtp = await startSmtp();
    closers.push(() => smtp.close());
    const { code, out } = await run("email", { SMTP_URL: smtp.url }, { to: ["alice-example", "bob-example"] });
    expect(code).toBe(0);
    expect(out).toMatch(/the receiver answered: 250 /);
    expect(smtp.messages[0]?.to.sort()).toEqual(["alice@example.com", "bob@example.com"]);
  });

  it("exits 1 and says why when the receiver refuses or is down", async () => {
    const r = await receiver(() => ({ status: 404, body: "no_service" }));
    const refused = await run("slack-incidents", { SLACK_INCIDENTS_WEBHOOK_URL: `${r.url}/x` });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("NOT delivered (trying again will not help): http://127.0.0.1:");
    expect(refused.out).toContain("answered HTTP 404: no_service");
    const down = await run("slack-incidents", { SLACK_INCIDENTS_WEBHOOK_URL: `${await downUrl()}/x` });
    expect(down.code).toBe(1);
    expect(down.out).toContain("NOT delivered (a later try may succeed)");
    expect(down.err).toContain("could not connect (ECONNREFUSED); try 2 of 3");
  });

  it.each([
    ["an unknown channel", "slak", {}, {}, 'no channel "slak" in routing.yaml (channels: email, incident-webhook, jira, pagerduty, phone-call, security-private, slack-incidents, slack-team, teams-leadership)'],
    ["a channel without an adapter", "jira", { JIRA_API_TOKEN: "x" }, {}, "channel jira is a jira channel: it has no adapter to test (its GitHub-native fallback is label)"],
    ["a secret that is not set", "slack-incidents", {}, {}, "set SLACK_INCIDENTS_WEBHOOK_URL in the environment (named by channel slack-incidents in routing.yaml) and run again"],
    ["a signing secret that is not set", "incident-webhook", { INCIDENT_WEBHOOK_URL: "http://127.0.0.1:9/x" }, {}, "set INCIDENT_WEBHOOK_SIGNING_SECRET in the environment"],
    ["a bad severity", "slack-incidents", { SLACK_INCIDENTS_WEBHOOK_URL: "http://127.0.0.1:9/x" }, { severity: "P9" }, '--severity "P9" must be one of P0, P1, P2, P3'],
    ["e-mail to nobody", "email", { SMTP_URL: "smtp://127.0.0.1:9" }, {}, "say who receives the test e-mail: --to LOGIN"],
  ] as const)("exits 2 on %s", async (_name, channel, env, opts, message) => {
    const { code, err } = await run(channel, env, opts);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("exits 2 when the policies do not load, with their positions", async () => {
    const { code, err } = await run("slack-incidents", {}, { policies: { policies: null, issues: [{ level: "error", file: "policies/routing.yaml", line: 3, column: 5, message: "bad" }] } });
    expect(code).toBe(2);
    expect(err).toContain("policies/routing.yaml:3:5: error: bad");
  });
});

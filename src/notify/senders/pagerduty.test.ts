import { afterEach, describe, expect, it } from "vitest";
import { channel, notification, record } from "../fixtures.test-helpers.js";
import { startReceiver, TEST_RETRY, type Receiver } from "../receivers.test-helpers.js";
import { secretParts } from "../redact.js";
import { pagerdutyEvent, PAGERDUTY_SEVERITY, sendPagerDuty, SUMMARY_MAX } from "./pagerduty.js";

const KEY = "R0123456789abcdef0123456789abcde"; // 32 characters, like an integration key
// The documented fields of an alert event (developer.pagerduty.com, "Send an Alert Event").
const TOP = ["routing_key", "event_action", "dedup_key", "payload", "images", "links", "client", "client_url"];
const PAYLOAD = ["summary", "source", "severity", "timestamp", "component", "group", "class", "custom_details"];

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe("pagerdutyEvent", () => {
  it("triggers on open with the documented fields only, dedup_key = incident id, a link to the issue", () => {
    const e = pagerdutyEvent(notification("open", { record: record({ severity: "P0" }) }), KEY) as Record<string, Record<string, unknown>>;
    expect(Object.keys(e).every((k) => TOP.includes(k))).toBe(true);
    expect(Object.keys(e["payload"] ?? {}).every((k) => PAYLOAD.includes(k))).toBe(true);
    expect(e).toMatchObject({
      routing_key: KEY,
      event_action: "trigger",
      dedup_key: "2026-11-27-001",
      payload: { summary: "[P0] Incident declared: API high error rate", source: "API", severity: "critical", timestamp: "2026-11-27T17:00:00Z", component: "gateway" },
      client: "incident-as-code",
      client_url: "https://github.com/acme/ops/issues/42",
      links: [{ href: "https://github.com/acme/ops/issues/42", text: "Incident 2026-11-27-001 on GitHub" }, { href: "https://status.example.com", text: "Status page" }],
    });
    expect(e["payload"]?.["custom_details"]).toMatchObject({ incident_id: "2026-11-27-001", severity: "P0", commander: "@alice-example", paged: ["alice-example", "bob-example"] });
  });

  it.each([
    ["P0", "critical"],
    ["P1", "error"],
    ["P2", "warning"],
    ["P3", "info"],
  ] as const)("maps %s to PagerDuty's %s", (sev, pd) => {
    expect(PAGERDUTY_SEVERITY[sev]).toBe(pd);
    expect((pagerdutyEvent(notification("open", { record: record({ severity: sev }) }), KEY) as { payload: { severity: string } }).payload.severity).toBe(pd);
  });

  it("keeps the summary within 1,024 characters", () => {
    const e = pagerdutyEvent(notification("open", { record: record({ title: "x".repeat(5_000) }) }), KEY) as { payload: { summary: string } };
    expect(e.payload.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
  });

  it("acknowledges and resolves with the same dedup_key and nothing else", () => {
    expect(pagerdutyEvent(notification("acknowledge"), KEY)).toEqual({ routing_key: KEY, event_action: "acknowledge", dedup_key: "2026-11-27-001" });
    expect(pagerdutyEvent(notification("resolve"), KEY)).toEqual({ routing_key: KEY, event_action: "resolve", dedup_key: "2026-11-27-001" });
  });

  it("triggers again on a raise (new severity) and a reopen; has nothing for updates and escalations", () => {
    expect(pagerdutyEvent(notification("raise", { record: record({ severity: "P0" }), previousSeverity: "P2" }), KEY)).toMatchObject({ event_action: "trigger", payload: { severity: "critical", class: "severity raised to P0" } });
    expect(pagerdutyEvent(notification("reopen"), KEY)).toMatchObject({ event_action: "trigger" });
    expect(pagerdutyEvent(notification("update", { update: { progress: "x" } }), KEY)).toBeNull();
    expect(pagerdutyEvent(notification("escalate"), KEY)).toBeNull();
  });
});

describe("sendPagerDuty", () => {
  it("posts to the configured endpoint and reports PagerDuty's 202 answer", async () => {
    receiver = await startReceiver(() => ({ status: 202, headers: { "content-type": "application/json" }, body: '{"status":"success","message":"Event processed","dedup_key":"2026-11-27-001"}' }));
    const ch = channel("pagerduty", { endpoint: `${receiver.url}/v2/enqueue` });
    const d = await sendPagerDuty(notification("open"), { channel: ch, secret: KEY, signingKey: null, retry: TEST_RETRY, log: () => undefined, secrets: secretParts(KEY) });
    expect(d).toEqual({ outcome: "delivered", attempts: 1, answer: 'HTTP 202: {"status":"success","message":"Event processed","dedup_key":"2026-11-27-001"}', notes: [] });
    expect(receiver.received[0]?.path).toBe("/v2/enqueue");
    expect(receiver.received[0]?.headers["content-type"]).toBe("application/json");
    expect(receiver.json(0)).toMatchObject({ routing_key: KEY, event_action: "trigger" });
  });

  it("a 400 (invalid event) is permanent and the routing key is not in the reason", async () => {
    receiver = await startReceiver((req) => ({ status: 400, body: `{"status":"invalid event","message":"Event object is invalid","errors":["bad key ${(JSON.parse(req.body) as { routing_key: string }).routing_key}"]}` }));
    const d = await sendPagerDuty(notification("open"), { channel: channel("pagerduty", { endpoint: receiver.url }), secret: KEY, signingKey: null, retry: TEST_RETRY, log: () => undefined, secrets: secretParts(KEY) });
    expect(d.outcome).toBe("permanent");
    expect(JSON.stringify(d)).not.toContain(KEY);
    expect(JSON.stringify(d)).toContain("invalid event");
  });
});

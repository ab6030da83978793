import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { registry } from "../../config/registry.js";
import type { SendContext } from "../delivery.js";
import { channel, notification, record } from "../fixtures.test-helpers.js";
import { LIFECYCLE_EVENTS } from "../notification.js";
import { answers, startReceiver, TEST_RETRY, type Received, type Receiver } from "../receivers.test-helpers.js";
import { secretParts } from "../redact.js";
import { phonePayload, sendPhone, SPOKEN_MAX } from "./phone.js";
import { webhookId } from "./signed.js";
import { sendWebhook, webhookPayload } from "./webhook.js";

// A key in the Standard Webhooks format: "whsec_" and base64 of random bytes.
const KEY = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats.default(ajv);
for (const [name, schema] of Object.entries(registry.schemas)) ajv.addSchema(schema, name);
function schemaErrors(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(name);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

/** Verifies a received request with the Standard Webhooks library, as a receiver would; throws if it does not verify. */
function verify(req: Received, key = KEY): unknown {
  const h = (name: string) => String(req.headers[name] ?? "");
  return new Webhook(key).verify(req.body, { "webhook-id": h("webhook-id"), "webhook-timestamp": h("webhook-timestamp"), "webhook-signature": h("webhook-signature") });
}

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

function ctx(url: string, type: "webhook" | "phone", signingKey: string | null = KEY): SendContext {
  return { channel: channel(type, { signingSecret: signingKey ? "SIGNING" : null }), secret: url, signingKey, retry: TEST_RETRY, log: () => undefined, secrets: [...secretParts(url), ...(signingKey ? secretParts(signingKey) : [])] };
}

describe("webhook payload (schemas/webhook-notification.schema.json, version 1)", () => {
  it.each(LIFECYCLE_EVENTS)("%s is valid against the published schema", (event) => {
    const n = notification(event, { record: record({ severity: "P0" }), update: { progress: "x" }, previousSeverity: "P2" });
    expect(schemaErrors("webhook-notification.schema.json", webhookPayload(n))).toEqual([]);
  });

  it("the schema check is real: a missing field and an unknown event are rejected", () => {
    const p = webhookPayload(notification("open")) as { type: string; data: Record<string, unknown> };
    expect(schemaErrors("webhook-notification.schema.json", { ...p, type: "incident.exploded" })).toContainEqual(expect.stringContaining("/type"));
    const { incident_id: _dropped, ...data } = p.data;
    expect(schemaErrors("webhook-notification.schema.json", { ...p, data })).toContainEqual(expect.stringContaining("incident_id"));
  });
});

describe("sendWebhook", () => {
  it("signs per Standard Webhooks: the library verifies the request and returns the payload", async () => {
    receiver = await startReceiver(answers.ok("accepted"));
    const n = notification("open");
    const d = await sendWebhook(n, ctx(`${receiver.url}/hooks/incidents`, "webhook"));
    expect(d).toMatchObject({ outcome: "delivered", answer: "HTTP 200: accepted" });
    const req = receiver.received[0] as Received;
    expect(verify(req)).toEqual(JSON.parse(JSON.stringify(webhookPayload(n))));
    expect(req.headers["webhook-id"]).toBe(webhookId(n.idempotencyKey));
    expect(Math.abs(Number(req.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    expect(String(req.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it("a tampered body or a wrong key does not verify", async () => {
    receiver = await startReceiver();
    await sendWebhook(notification("open"), ctx(receiver.url, "webhook"));
    const req = receiver.received[0] as Received;
    expect(() => verify({ ...req, body: req.body.replace("P1", "P3") })).toThrow();
    expect(() => verify(req, `whsec_${Buffer.from("another key, another key, 123456").toString("base64")}`)).toThrow();
  });

  it("a 500 then a 200: the retry carries the same webhook-id, so the receiver can drop the duplicate", async () => {
    receiver = await startReceiver(answers.sequence({ status: 500 }, { status: 200 }));
    const d = await sendWebhook(notification("resolve"), ctx(receiver.url, "webhook"));
    expect(d).toMatchObject({ outcome: "delivered", attempts: 2 });
    const [a, b] = receiver.received;
    expect(a?.headers["webhook-id"]).toBe(b?.headers["webhook-id"]);
    expect(verify(b as Received)).toBeTruthy();
  });

  it("different notifications get different ids", () => {
    expect(webhookId(notification("open").idempotencyKey)).not.toBe(webhookId(notification("resolve").idempotencyKey));
  });

  it("without a signing key: id and timestamp, no signature", async () => {
    receiver = await startReceiver();
    await sendWebhook(notification("open"), ctx(receiver.url, "webhook", null));
    expect(receiver.received[0]?.headers["webhook-id"]).toBeTruthy();
    expect(receiver.received[0]?.headers["webhook-signature"]).toBeUndefined();
  });

  it("a malformed signing key is permanent, names the secret, sends nothing and never shows the key", async () => {
    receiver = await startReceiver();
    const d = await sendWebhook(notification("open"), ctx(receiver.url, "webhook", "whsec_%%%not-base64%%%"));
    expect(d).toMatchObject({ outcome: "permanent", attempts: 0 });
    expect(JSON.stringify(d)).toContain("SIGNING");
    expect(JSON.stringify(d)).not.toContain("not-base64");
    expect(receiver.received).toHaveLength(0);
  });
});

describe("phone-call bridge (schemas/phone-call-webhook.schema.json, version 1)", () => {
  it.each(["open", "escalate", "raise", "reopen"] as const)("%s is valid against the published schema", (event) => {
    expect(schemaErrors("phone-call-webhook.schema.json", phonePayload(notification(event, { previousSeverity: "P2" })))).toEqual([]);
  });

  it("says who to call with their numbers and what to say, bounded, signed like the webhook", async () => {
    receiver = await startReceiver(() => ({ status: 202, body: '{"calls":2}' }));
    const n = notification("escalate", { record: record({ severity: "P0", title: "y".repeat(2_000) }), audience: ["alice-example", "nobody-example"] });
    const d = await sendPhone(n, ctx(`${receiver.url}/page`, "phone"));
    expect(d).toMatchObject({ outcome: "delivered", answer: 'HTTP 202: {"calls":2}', notes: ["no phone number in teams.yaml people for nobody-example: the bridge got their logins only"] });
    const body = verify(receiver.received[0] as Received) as { type: string; data: { people: unknown[]; message: string; event: string } };
    expect(body.type).toBe("incident.page");
    expect(body.data.event).toBe("escalate");
    expect(body.data.people).toEqual([
      { login: "alice-example", name: "Alice Example", phone: "+15555550100" },
      { login: "nobody-example", name: null, phone: null },
    ]);
    expect(body.data.message.length).toBeLessThanOrEqual(SPOKEN_MAX);
    expect(body.data.message).toMatch(/^P0 incident on API: y+…\. Escalated: nobody acknowledged in time\. Acknowledge it on the incident issue\.$/);
    expect(schemaErrors("phone-call-webhook.schema.json", body)).toEqual([]);
  });
});

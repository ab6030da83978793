import { afterEach, describe, expect, it } from "vitest";
import { postJson, retryAfterMs } from "./http.js";
import { secretParts } from "./redact.js";
import { answers, downUrl, startReceiver, TEST_RETRY, type Receiver } from "./receivers.test-helpers.js";

const open: Receiver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
async function receiver(script?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(script);
  open.push(r);
  return r;
}
const logs: string[] = [];
const post = (url: string, retry = TEST_RETRY, secrets: string[] = []) => postJson({ url, body: '{"x":1}', retry, secrets, log: (l) => logs.push(l) });

describe("postJson", () => {
  it("a 500 then a 202: delivered, sent twice on the wire, once as far as anyone can tell", async () => {
    const r = await receiver(answers.sequence({ status: 500, body: "oops" }, { status: 202, body: '{"status":"success"}' }));
    const d = await post(r.url);
    expect(d).toEqual({ outcome: "delivered", attempts: 2, answer: 'HTTP 202: {"status":"success"}', notes: [] });
    expect(r.received.map((q) => q.body)).toEqual(['{"x":1}', '{"x":1}']);
  });

  it("a 429 with Retry-After: 1 waits about a second before the next try", async () => {
    const r = await receiver(answers.sequence({ status: 429, headers: { "retry-after": "1" } }, { status: 200, body: "ok" }));
    const d = await post(r.url);
    expect(d.outcome).toBe("delivered");
    const [first, second] = r.received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("a Retry-After longer than we may wait ends the send at once, retryable, saying when", async () => {
    const r = await receiver(answers.sequence({ status: 429, headers: { "retry-after": "3600" } }));
    const d = await post(r.url);
    expect(d).toMatchObject({ outcome: "retryable", attempts: 1, retryAfterMs: 3_600_000 });
    expect(r.received).toHaveLength(1);
  });

  it("a 500 on every try is retryable after the allowed number of tries", async () => {
    const r = await receiver(() => ({ status: 503, body: "down for maintenance" }));
    const d = await post(r.url);
    expect(d).toMatchObject({ outcome: "retryable", attempts: 3 });
    expect(r.received).toHaveLength(3);
    expect(logs.some((l) => l.includes("HTTP 503; try 2 of 3"))).toBe(true);
  });

  it("a 400 is permanent and not retried", async () => {
    const r = await receiver(() => ({ status: 400, body: '{"status":"invalid event","errors":["\'summary\' is missing"]}' }));
    const d = await post(r.url);
    expect(d).toMatchObject({ outcome: "permanent", attempts: 1 });
    expect(d.outcome === "permanent" && d.reason).toContain("answered HTTP 400: {\"status\":\"invalid event\"");
    expect(r.received).toHaveLength(1);
  });

  it("a receiver down for the whole send is retryable, within the bounds", async () => {
    const url = await downUrl();
    const started = Date.now();
    const d = await post(url);
    expect(d).toMatchObject({ outcome: "retryable", attempts: 3 });
    expect(d.outcome === "retryable" && d.reason).toContain("could not connect (ECONNREFUSED)");
    expect(Date.now() - started).toBeLessThan(TEST_RETRY.budgetMs);
  });

  it("a receiver that never answers times out per try and gives up within the budget", async () => {
    const r = await receiver(() => ({ status: 200, delayMs: 60_000 }));
    const retry = { ...TEST_RETRY, attempts: 2, timeoutMs: 300, budgetMs: 5_000 };
    const d = await post(r.url, retry);
    expect(d).toMatchObject({ outcome: "retryable", attempts: 2 });
    expect(d.outcome === "retryable" && d.reason).toContain("no answer within 300 ms");
  });

  it("the whole send stops at its budget, even while the receiver keeps asking for retries", async () => {
    const r = await receiver(() => ({ status: 503, headers: { "retry-after": "2" } }));
    const started = Date.now();
    const d = await post(r.url, { ...TEST_RETRY, attempts: 10, budgetMs: 1_500 });
    expect(d.outcome).toBe("retryable");
    expect(d.outcome === "retryable" && d.reason).toMatch(/HTTP 503; gave up after 1500 ms/);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(r.received.length).toBeLessThan(3);
  });

  it("never reports the URL or a secret, even when the receiver echoes them", async () => {
    const r = await receiver((req) => ({ status: 403, body: `forbidden: ${req.path} token=${String(req.headers["x-token"])}` }));
    const url = `${r.url}/services/T0001/B0002/s3cr3tWebhookPathToken`;
    const d = await postJson({ url, body: "{}", headers: { "x-token": "routing-key-1234567890" }, retry: TEST_RETRY, secrets: [...secretParts(url), ...secretParts("routing-key-1234567890")], log: () => undefined });
    const text = JSON.stringify(d);
    expect(d.outcome).toBe("permanent");
    expect(text).not.toMatch(/s3cr3tWebhookPathToken|routing-key-1234567890|T0001\/B0002/);
    expect(text).toContain("http://127.0.0.1:");
  });

  it("refuses a secret that is not an http(s) URL without sending anything", async () => {
    expect(await post("not a url")).toMatchObject({ outcome: "permanent", attempts: 0, reason: "the secret is not a URL" });
    expect(await post("ftp://example.com/x")).toMatchObject({ outcome: "permanent", attempts: 0 });
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-11-27T18:30:00Z");
  it.each([
    ["120", 120_000],
    ["0", 0],
    ["Fri, 27 Nov 2026 18:31:00 GMT", 60_000],
    ["Fri, 27 Nov 2026 18:00:00 GMT", 0],
    ["soon", null],
    [null, null],
  ] as const)("%s → %s", (value, ms) => expect(retryAfterMs(value, now)).toBe(ms));
});

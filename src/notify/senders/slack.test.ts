import { afterEach, describe, expect, it } from "vitest";
import { ZWSP } from "../../render/escape.js";
import { channel, notification, record } from "../fixtures.test-helpers.js";
import { startReceiver, TEST_RETRY, type Receiver } from "../receivers.test-helpers.js";
import { secretParts } from "../redact.js";
import { sendSlack, SLACK_LIMITS, slackMessage } from "./slack.js";

type Text = { type: string; text: string; verbatim?: boolean };
type Block = { type: string; text?: Text; fields?: Text[]; elements?: Text[] };

/** Every text object in a message, with where it sits. */
function texts(message: { blocks: Block[] }): { where: string; t: Text }[] {
  return message.blocks.flatMap((b) => [...(b.text ? [{ where: b.type, t: b.text }] : []), ...(b.fields ?? []).map((t) => ({ where: "field", t })), ...(b.elements ?? []).map((t) => ({ where: "context", t }))]);
}

/** Within Slack's documented Block Kit limits. */
function expectWithinLimits(m: { text: string; blocks: Block[] }): void {
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of m.blocks) {
    if (b.type === "header") expect(b.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    if (b.type === "section" && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.section);
    expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
  }
  for (const { t } of texts(m)) expect(t.text.length).toBeGreaterThan(0);
}

const HOSTILE = "<!channel> <@U024BE7LH> <!subteam^SAZ94GDB8> <https://evil.example|click me> @here @everyone & *boss*";

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe("slackMessage", () => {
  it("has a header, the facts, the seed's message verbatim, a link, and a fallback text", () => {
    const m = slackMessage(notification("open", { record: record({ severity: "P0" }) })) as { text: string; blocks: Block[] };
    expect(m.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
    expect(m.blocks[0]?.text).toEqual({ type: "plain_text", text: "[P0] Incident declared: API high error rate", emoji: true });
    expect(m.blocks[1]?.fields?.map((f) => f.text)).toEqual(["*Severity*\nP0", "*Service*\nAPI", "*Commander*\n@alice-example", "*Status*\ninvestigating"]);
    expect(m.blocks[2]?.text).toMatchObject({ type: "mrkdwn", verbatim: true });
    expect(m.blocks[2]?.text?.text.startsWith("🚨 P0 INCIDENT DECLARED 🚨")).toBe(true);
    expect(m.blocks[3]?.elements?.[0]?.text).toBe("<https://github.com/acme/ops/issues/42|Incident 2026-11-27-001 on GitHub>  ·  <https://status.example.com|Status page>");
    expect(m.text).toBe("[P0] Incident declared: API high error rate");
    expectWithinLimits(m);
  });

  it("escapes untrusted text: no mention, broadcast or link can be forged anywhere", () => {
    const n = notification("update", { record: record({ title: HOSTILE, commander: "alice-example" }), update: { progress: HOSTILE } });
    const m = slackMessage({ ...n, service: HOSTILE }) as { text: string; blocks: Block[] };
    for (const { where, t } of [...texts(m), { where: "fallback", t: { type: "mrkdwn", text: m.text } }]) {
      if (t.type === "plain_text") continue; // never parsed by Slack
      expect(t.text, where).not.toMatch(/<[!@#]|<https?:\/\/evil/);
      expect(t.text, where).not.toMatch(/@(here|everyone|channel)\b/);
    }
    const body = m.blocks.map((b) => b.text?.text ?? "").join("\n");
    expect(body).toContain(`&lt;!channel&gt; &lt;@U024BE7LH&gt;`);
    expect(body).toContain(`@${ZWSP}here`);
    expect(body).toContain("&amp; *boss*");
    expect(m.blocks[0]?.text?.text).toContain(`@${ZWSP}here`); // plain_text header: only broadcasts broken
  });

  it("stays within Slack's limits for a huge update, saying where the rest is", () => {
    // Bigger than any rendered message (prose is bounded at 10,000 characters): the sender copes anyway.
    const internalText = Array.from({ length: 4_000 }, (_, i) => `line ${i} ${"&<>".repeat(20)}`).join("\n");
    const m = slackMessage({ ...notification("update", { record: record({ title: "t".repeat(400) }) }), internalText }) as { text: string; blocks: Block[] };
    expectWithinLimits(m);
    expect(m.blocks.length).toBe(SLACK_LIMITS.blocks - 1);
    expect(JSON.stringify(m)).toContain("the rest of this message is on the incident issue");
    // No entity is cut in half at a chunk boundary.
    for (const { t } of texts(m)) expect(t.text).not.toMatch(/&(a|am|amp|l|lt|g|gt)?$/);
  });
});

describe("sendSlack", () => {
  it("posts to the webhook URL in the secret and reports Slack's answer", async () => {
    receiver = await startReceiver(() => ({ status: 200, body: "ok" }));
    const url = `${receiver.url}/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX`;
    const d = await sendSlack(notification("resolve"), { channel: channel("slack"), secret: url, signingKey: null, retry: TEST_RETRY, log: () => undefined, secrets: secretParts(url) });
    expect(d).toMatchObject({ outcome: "delivered", answer: "HTTP 200: ok" });
    expect(receiver.received[0]?.path).toBe("/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX");
    expect((receiver.json(0) as { text: string }).text).toBe("[P1] Resolved: API high error rate");
  });

  it("Slack's documented refusals (invalid_blocks, channel_is_archived) are permanent", async () => {
    receiver = await startReceiver(() => ({ status: 410, body: "channel_is_archived" }));
    const url = `${receiver.url}/services/T000/B000/YYYYYYYYYYYYYYYYYYYYYYYY`;
    const d = await sendSlack(notification("open"), { channel: channel("slack"), secret: url, signingKey: null, retry: TEST_RETRY, log: () => undefined, secrets: secretParts(url) });
    expect(d).toMatchObject({ outcome: "permanent", attempts: 1 });
    expect(JSON.stringify(d)).toContain("channel_is_archived");
    expect(JSON.stringify(d)).not.toContain("YYYYYYYY");
  });
});

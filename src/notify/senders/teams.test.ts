import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { ZWSP } from "../../render/escape.js";
import { channel, notification, record } from "../fixtures.test-helpers.js";
import { startReceiver, TEST_RETRY, type Receiver } from "../receivers.test-helpers.js";
import { secretParts } from "../redact.js";
import { ADAPTIVE_CARD_VERSION, sendTeams, teamsMessage } from "./teams.js";

// Microsoft's own Adaptive Cards library parses the card as a client targeting version 1.4 would:
// it reports unknown elements and properties newer than 1.4 (its UMD bundle runs without a DOM).
interface Events {
  eventCount: number;
  getEventAt(i: number): { message: string };
}
interface AdaptiveCardsLib {
  AdaptiveCard: new () => { parse(json: unknown, ctx: Events): void; validateProperties(): { validationEvents: { message: string }[] }; version: { toString(): string } };
  SerializationContext: new (version: unknown) => Events;
  Versions: { v1_4: unknown };
}
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsLib;

/** Every problem a 1.4 client finds in `card`. */
function problems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_4);
  parsed.parse(card, ctx);
  return [...Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message), ...parsed.validateProperties().validationEvents.map((e) => e.message)];
}

type Message = { type: string; summary: string; attachments: { contentType: string; contentUrl: null; content: { version: string; body: Record<string, unknown>[]; actions?: unknown[] } }[] };

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe("teamsMessage", () => {
  it("is a Workflows message with one Adaptive Card 1.4 attachment that a 1.4 client reads without a problem", () => {
    const m = teamsMessage(notification("open", { record: record({ severity: "P0" }) })) as Message;
    expect(m.type).toBe("message");
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = m.attachments[0]?.content;
    expect(card?.version).toBe(ADAPTIVE_CARD_VERSION);
    expect(ADAPTIVE_CARD_VERSION).toBe("1.4");
    expect(problems(card)).toEqual([]);
  });

  it("the check is real: a 1.5 property or a card without its action's URL is reported", () => {
    expect(problems({ type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "x", style: "heading" }] })).toEqual([expect.stringContaining("supported in version 1.5")]);
    expect(problems({ type: "AdaptiveCard", version: "1.4", body: [], actions: [{ type: "Action.OpenUrl", title: "x" }] })).toEqual([expect.stringContaining("url")]);
  });

  it("shows the headline, the facts, each line of the seed's message, and an action to open the issue", () => {
    const card = (teamsMessage(notification("update", { update: { progress: "Rolled back\nError rate falling" } })) as Message).attachments[0]?.content;
    const body = card?.body ?? [];
    expect(body[0]).toMatchObject({ type: "TextBlock", text: "[P1] Update: API high error rate", weight: "Bolder", color: "Attention" });
    expect(body[1]).toMatchObject({ type: "FactSet", facts: [{ title: "Severity", value: "P1" }, { title: "Service", value: "API" }, { title: "Commander", value: "@alice-example" }, { title: "Status", value: "investigating" }] });
    const lines = body.slice(2).map((b) => b["text"]);
    expect(lines).toContain("Rolled back");
    expect(lines).toContain("Error rate falling");
    expect(card?.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open incident 2026-11-27-001", url: "https://github.com/acme/ops/issues/42" },
      { type: "Action.OpenUrl", title: "Status page", url: "https://status.example.com" },
    ]);
  });

  it("breaks markdown links in untrusted text and stays readable by a 1.4 client with hostile and huge input", () => {
    const progress = `[reset your password](https://evil.example) <at>ceo</at>\n${"x\n".repeat(500)}`;
    const m = teamsMessage(notification("update", { record: record({ title: "[click](https://evil.example)" }), update: { progress } })) as Message;
    const json = JSON.stringify(m);
    expect(json).not.toMatch(/\]\((https?:)?\/\/evil/);
    expect(json).toContain(`]${ZWSP}(https://evil.example)`);
    expect(json).toContain("the rest of this message is on the incident issue");
    expect(problems(m.attachments[0]?.content)).toEqual([]);
  });
});

describe("sendTeams", () => {
  it("posts the card to the workflow URL and reports the 202", async () => {
    receiver = await startReceiver(() => ({ status: 202 }));
    const url = `${receiver.url}/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke?api-version=1&sig=SiGnAtUrE0123456789`;
    const d = await sendTeams(notification("escalate"), { channel: channel("teams"), secret: url, signingKey: null, retry: TEST_RETRY, log: () => undefined, secrets: secretParts(url) });
    expect(d).toMatchObject({ outcome: "delivered", answer: "HTTP 202" });
    expect((receiver.json(0) as Message).attachments[0]?.content.version).toBe("1.4");
  });
});

import { simpleParser, type AddressObject } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import type { SendContext } from "../delivery.js";
import { channel, notification, record } from "../fixtures.test-helpers.js";
import { downUrl, startSmtp, TEST_RETRY, type SmtpReceiver } from "../receivers.test-helpers.js";
import { secretParts } from "../redact.js";
import { emailMessage, sendEmail } from "./email.js";

let smtp: SmtpReceiver | null = null;
afterEach(async () => {
  await smtp?.close();
  smtp = null;
});

const FROM = "Incidents <incidents@example.com>";
function ctx(url: string, over: { to?: string[]; from?: string | null } = {}): SendContext {
  return { channel: channel("email", { from: over.from === undefined ? FROM : over.from, to: over.to ?? [] }), secret: url, signingKey: null, retry: TEST_RETRY, log: () => undefined, secrets: secretParts(url) };
}
const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));

describe("sendEmail over SMTP", () => {
  it("sends one message, plain text and HTML, to the audience's addresses and the channel's fixed ones", async () => {
    smtp = await startSmtp({ user: "mailer", pass: "p@ss word/1" });
    const n = notification("open", { audience: ["alice-example", "bob-example"] });
    const d = await sendEmail(n, ctx(smtp.url, { to: ["oncall-list@example.com"] }));
    expect(d).toMatchObject({ outcome: "delivered", attempts: 1, notes: [] });
    expect(d.outcome === "delivered" && d.answer).toMatch(/^250 /);
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.from).toBe("incidents@example.com");
    expect(mail?.to.sort()).toEqual(["alice@example.com", "bob@example.com", "oncall-list@example.com"]);
    const parsed = await simpleParser(mail?.raw ?? "");
    expect(parsed.subject).toBe("[P1] Incident declared: API high error rate");
    expect(addresses(parsed.to).sort()).toEqual(["alice@example.com", "bob@example.com", "oncall-list@example.com"]);
    expect(parsed.text).toContain("P1 incident declared: API high error rate");
    expect(parsed.text).toContain("Incident 2026-11-27-001: https://github.com/acme/ops/issues/42");
    expect(parsed.html).toContain('<a href="https://github.com/acme/ops/issues/42">Open incident 2026-11-27-001 on GitHub</a>');
    expect(parsed.messageId).toBe(emailMessage(n, []).messageId);
    expect(parsed.references).toBe("<incident-2026-11-27-001@incident-as-code>");
    expect(parsed.headers.get("x-incident-id")).toBe("2026-11-27-001");
  });

  it("escapes untrusted text in HTML and keeps the subject one header line", async () => {
    smtp = await startSmtp();
    const title = `<script>alert(1)</script> "quoted" & co\r\nBcc: attacker@example.com`;
    await sendEmail(notification("open", { record: record({ title }) }), ctx(smtp.url));
    const mail = smtp.messages[0];
    expect(mail?.to).not.toContain("attacker@example.com");
    const parsed = await simpleParser(mail?.raw ?? "");
    expect(parsed.subject).toBe(`[P1] Incident declared: <script>alert(1)</script> "quoted" & co Bcc: attacker@example.com`);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.html).not.toContain("<script>");
    expect(parsed.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; co");
  });

  it("a 451 (try again later) then success: retried, one message delivered", async () => {
    smtp = await startSmtp({ reject: (n) => (n === 0 ? 451 : null) });
    const d = await sendEmail(notification("update", { update: { progress: "x" } }), ctx(smtp.url));
    expect(d).toMatchObject({ outcome: "delivered", attempts: 2 });
    expect(smtp.messages).toHaveLength(1);
  });

  it("a 550 is permanent and not retried", async () => {
    smtp = await startSmtp({ reject: () => 550 });
    const d = await sendEmail(notification("open"), ctx(smtp.url));
    expect(d).toMatchObject({ outcome: "permanent", attempts: 1 });
    expect(d.outcome === "permanent" && d.reason).toContain("SMTP 550");
  });

  it("a refused login is permanent and the password never appears", async () => {
    smtp = await startSmtp({ user: "mailer", pass: "right-password" });
    const wrong = smtp.url.replace("right-password", "Wr0ngPassw0rd");
    const d = await sendEmail(notification("open"), ctx(wrong));
    expect(d).toMatchObject({ outcome: "permanent", attempts: 1 });
    expect(JSON.stringify(d)).not.toContain("Wr0ngPassw0rd");
  });

  it("a server that is down is retryable", async () => {
    const url = (await downUrl()).replace("http://", "smtp://");
    const d = await sendEmail(notification("open"), ctx(url));
    expect(d).toMatchObject({ outcome: "retryable", attempts: TEST_RETRY.attempts });
  });

  it("says who has no address, and refuses to send to nobody", async () => {
    smtp = await startSmtp();
    const some = await sendEmail(notification("open", { audience: ["alice-example", "nobody-example"] }), ctx(smtp.url));
    expect(some).toMatchObject({ outcome: "delivered", notes: ["no e-mail address in teams.yaml people for nobody-example"] });
    const none = await sendEmail(notification("open", { audience: ["nobody-example"] }), ctx(smtp.url));
    expect(none).toMatchObject({ outcome: "permanent", attempts: 0 });
    expect(none.outcome === "permanent" && none.reason).toContain("nobody to e-mail");
    expect(await sendEmail(notification("open"), ctx(smtp.url, { from: null }))).toMatchObject({ outcome: "permanent", reason: "channel email-test has no `from` address" });
    expect(await sendEmail(notification("open"), ctx("https://mail.example.com"))).toMatchObject({ outcome: "permanent", reason: "the secret is not an smtp:// or smtps:// URL" });
    expect(smtp.messages).toHaveLength(1);
  });
});

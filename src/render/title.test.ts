import { describe, expect, it } from "vitest";
import { ZWSP } from "./escape.js";
import { incidentTitle, labelName, plainTitle, statusDescription } from "./title.js";

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What GitHub would see as a reference or a mention: `#12`, `o/r#12`, `GH-12`, `@user`, an issue URL. */
const REFERENCE = /(?:^|[^\w])#\d|\bGH-\d|@[A-Za-z0-9]|https?:\/\/github\.com\/[^/\s]+\/[^/\s]+\/(?:issues|pull)\/\d/i;

describe("plainTitle", () => {
  it.each([
    ["a closing keyword", "Checkout down, fixes #1"],
    ["a cross-repository reference", "see acme/ops#12 and closes acme/web#3"],
    ["GH- references", "resolves GH-7"],
    ["an issue URL", "fixes https://github.com/acme/ops/issues/1"],
    ["a pull-request URL", "reverts https://github.com/acme/ops/pull/9"],
    ["a mention", "ping @alice and @acme/sre"],
  ])("breaks %s so nothing is closed, linked or notified", (_name, text) => {
    const out = plainTitle(text);
    expect(out).not.toMatch(REFERENCE);
    expect(out.replaceAll(ZWSP, "")).toBe(text); // reads the same
  });

  it("is one line without control or bidi characters", () => {
    expect(plainTitle("a\n\tb\u202Ec\u0000  d")).toBe("a bc d");
  });

  it("falls back when nothing is left, since GitHub refuses an empty title", () => {
    expect(plainTitle(" \n ", "INC-1")).toBe("INC-1");
  });

  it("fits 256 characters on a grapheme boundary", () => {
    const out = plainTitle(`${"a".repeat(250)}${"👩‍👩‍👧".repeat(3)}`);
    expect(out.length).toBeLessThanOrEqual(256);
    expect(out).toBe(`${"a".repeat(250)}…`);
    expect(out).not.toMatch(LONE);
  });
});

describe("incidentTitle", () => {
  it("prefixes the severity and neutralises the record's title", () => {
    expect(incidentTitle({ id: "INC-1", severity: "P1", title: "API errors, fixes #1 @bob" })).toBe(`[P1] API errors, fixes #${ZWSP}1 @${ZWSP}bob`);
  });

  it("cuts a long title between graphemes, never between the halves of an emoji", () => {
    for (let pad = 240; pad < 256; pad++) {
      const out = incidentTitle({ id: "INC-1", severity: "P0", title: `${"x".repeat(pad)}${"😀".repeat(20)}` });
      expect(out.length).toBeLessThanOrEqual(256);
      expect(out).not.toMatch(LONE);
      expect(out.endsWith("…")).toBe(true);
    }
  });
});

describe("labelName", () => {
  it("keeps names within 50 characters as they are", () => {
    expect(labelName("service", "checkout")).toBe("service:checkout");
    expect(labelName("service", "s".repeat(42))).toBe(`service:${"s".repeat(42)}`);
  });

  it("fits a 64-character service name to a valid label, distinct per name", () => {
    const a = labelName("service", `${"payments-reconciliation-".repeat(2)}worker-eu-west`);
    const b = labelName("service", `${"payments-reconciliation-".repeat(2)}worker-us-east`);
    expect(a.length).toBeLessThanOrEqual(50);
    expect(b.length).toBeLessThanOrEqual(50);
    expect(a).toMatch(/^service:payments-reconciliation-payments-.*…[0-9a-f]{4}$/);
    expect(a).not.toBe(b);
    expect(labelName("service", `${"payments-reconciliation-".repeat(2)}worker-eu-west`)).toBe(a); // stable
  });

  it("never splits a grapheme and has no comma (the issues API filters labels by a comma-separated list)", () => {
    const out = labelName("team", `${"🇺🇦".repeat(30)}`);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).not.toMatch(LONE);
    expect(labelName("team", "a,b")).toBe("team:a;b");
  });
});

describe("statusDescription", () => {
  it("fits GitHub's 140 characters (it refuses longer descriptions rather than truncating)", () => {
    const out = statusDescription(`2 things missing: ${"e\u0301".repeat(200)}`);
    expect(out.length).toBeLessThanOrEqual(140);
    expect(out.endsWith("e\u0301…")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { fitBody, openFence } from "./limit.js";

const lines = (n: number, width = 99) => Array.from({ length: n }, (_, i) => `${String(i).padStart(5, "0")} ${"x".repeat(width - 6)}`).join("\n");

describe("fitBody", () => {
  it("leaves a body under the limit alone", () => {
    expect(fitBody("short")).toBe("short");
    const exact = "y".repeat(65_536);
    expect(fitBody(exact)).toBe(exact);
  });

  it("cuts at a line boundary and says how much and where", () => {
    const body = lines(2_000); // 199,999 characters
    const out = fitBody(body, { recordPath: "incidents/2026-11-27-001.yaml" });
    expect(out.length).toBeLessThanOrEqual(65_536);
    const [kept, note] = out.split("\n\n---\n");
    expect(body.startsWith(`${kept}\n`)).toBe(true);
    expect(note).toBe(`**… ${(body.length - (kept ?? "").length).toLocaleString("en-US")} characters truncated; the full record is incidents/2026-11-27-001.yaml**`);
  });

  it("closes a code fence that the cut leaves open", () => {
    const body = `intro\n\n\`\`\`\`yaml\n${lines(1_000)}\n\`\`\`\`\n\nafter`;
    const out = fitBody(body, { max: 10_000 });
    expect(out.length).toBeLessThanOrEqual(10_000);
    expect(out).toMatch(/\n````\n\n---\n\*\*… [\d,]+ characters truncated\*\*$/);
    expect(openFence(out)).toBeNull();
  });

  it("hard-cuts one huge line without splitting a surrogate pair or an escape", () => {
    const out = fitBody(`${"😀".repeat(40_000)}`, { max: 1_000 });
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const escaped = fitBody("\\*".repeat(5_000), { max: 1_001 });
    expect(escaped.split("\n")[0]).toMatch(/^(\\\*)+$/);
    const entity = fitBody("&amp;".repeat(1_000), { max: 1_000 });
    expect(entity.split("\n")[0]).toMatch(/^(&amp;)+$/);
  });
});

describe("openFence", () => {
  it.each([
    ["no fence", "a\nb", null],
    ["closed", "```\nx\n```", null],
    ["open backticks", "```js\nx", { char: "`", length: 3 }],
    ["a shorter run does not close", "````\n```\n", { char: "`", length: 4 }],
    ["tilde fences are separate", "~~~\n```\n", { char: "~", length: 3 }],
    ["inline backticks are not fences", "``` a ` b", null],
  ])("%s", (_n, text, expected) => expect(openFence(text)).toEqual(expected));
});

import { describe, expect, it } from "vitest";
import { GITHUB_LIMITS } from "../github/limits.js";
import { ELLIPSIS, fitBody, fitText, fitTo, graphemePrefix, openFence } from "./limit.js";

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

// Text whose cut point falls inside each kind of multi-unit grapheme.
const FAMILY = "👩‍👩‍👧‍👦"; // ZWJ sequence: 11 UTF-16 code units, one grapheme
const FLAG = "🇺🇦"; // two regional indicators: 4 code units, one grapheme
const ACCENTED = "e\u0301"; // e + U+0301 combining acute: 2 code units, one grapheme
const STACKED = "s\u0323\u0307\u0302"; // s + dot below + dot above + circumflex: combining marks stacked
const SMILE = "😀"; // surrogate pair
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const segments = (s: string) => Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(s), (x) => x.segment);

/** The cut keeps whole graphemes of the input, then the marker; nothing is split. */
function expectCleanCut(input: string, out: string, max: number, unit: "utf16" | "utf8" = "utf16") {
  expect(unit === "utf8" ? Buffer.byteLength(out) : out.length).toBeLessThanOrEqual(max);
  expect(out).not.toMatch(LONE);
  expect(out.endsWith(ELLIPSIS)).toBe(true);
  const kept = segments(out.slice(0, -ELLIPSIS.length));
  expect(segments(input).slice(0, kept.length)).toEqual(kept);
}

describe("fitText: one way to fit text to a limit", () => {
  it.each([
    ["a ZWJ family", FAMILY],
    ["a flag", FLAG],
    ["combining marks", ACCENTED],
    ["stacked combining marks", STACKED],
    ["a surrogate pair", SMILE],
  ])("never splits %s at the cut point", (_name, grapheme) => {
    for (let pad = 0; pad < 12; pad++) {
      const input = `${"a".repeat(pad)}${grapheme.repeat(30)}`;
      expectCleanCut(input, fitText(input, 20), 20);
    }
  });

  it("leaves text that fits alone, marker or not", () => {
    expect(fitText("short", 5)).toBe("short");
    expect(fitText(FAMILY, 11)).toBe(FAMILY);
  });

  it("drops trailing whitespace before the marker and honours a custom marker", () => {
    expect(fitText("abc   defghij", 7)).toBe("abc…");
    expect(fitText("abcdefghij", 8, { marker: " [cut]" })).toBe("ab [cut]");
  });

  it("counts UTF-8 bytes where the limit is in bytes", () => {
    const input = "日本語".repeat(10); // 3 bytes per character
    const out = fitText(input, 20, { unit: "utf8" });
    expect(out).toBe("日本語日本…"); // 15 bytes + 3 for "…"
    expectCleanCut(input, out, 20, "utf8");
  });
});

describe("fitTo: each of GitHub's limits", () => {
  const mixed = (n: number) => Array.from({ length: n }, (_, i) => [FAMILY, FLAG, ACCENTED, SMILE, STACKED, "x"][i % 6]).join("");
  it.each([
    ["title", 256, "utf16"],
    ["labelName", 50, "utf16"],
    ["labelDescription", 100, "utf16"],
    ["body", 65_536, "utf16"],
    ["statusDescription", 140, "utf16"],
    ["checkRunSummary", 65_535, "utf8"],
    ["dispatchEventType", 100, "utf16"],
  ] as const)("%s: at most %i (%s), cut between graphemes", (name, max, unit) => {
    expect(GITHUB_LIMITS[name]).toMatchObject({ max, unit });
    const input = mixed(Math.ceil(max / 2) + 10);
    const out = fitTo(name, input);
    expectCleanCut(input, out, max, unit);
    expect(fitTo(name, "fits")).toBe("fits");
  });

  it("fitBody's hard cut never splits a grapheme either", () => {
    const out = fitBody(`${FAMILY}${ACCENTED}`.repeat(5_000), { max: 1_000 });
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(out).not.toMatch(LONE);
    const first = out.split("\n")[0] ?? "";
    expect(segments(first).every((g) => g === FAMILY || g === ACCENTED)).toBe(true);
  });
});

describe("graphemePrefix", () => {
  it("is the longest whole-grapheme prefix within the budget", () => {
    expect(graphemePrefix(`ab${FAMILY}c`, 12)).toBe("ab");
    expect(graphemePrefix(`ab${FAMILY}c`, 13)).toBe(`ab${FAMILY}`);
    expect(graphemePrefix(`${FLAG}${FLAG}`, 7)).toBe(FLAG);
  });
});

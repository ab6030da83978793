import { describe, expect, it } from "vitest";
import { cell, codeBlock, codeSpan, commitSafe, inline, login, mention, multiline, url, ZWSP } from "./escape.js";

const Z = ZWSP;

/** What GitHub looks for after rendering: a mention, an issue reference, a cross-repo reference. */
const NOTIFIES = [/(^|[^\w`])@[A-Za-z0-9]/, /(^|[^\w])#\d/, /\bGH-\d/i, /\w\/\w+#\d/, /https?:\/\/[^\s]*\/(issues|pull)\/\d/];
/** Markdown/HTML that must never be live in inline output (after removing backslash escapes). */
const LIVE = /[*_[\]()!|~`$<>\\]|#/;

function inert(out: string): void {
  for (const re of NOTIFIES) expect(out).not.toMatch(re);
  expect(out.replace(/\\[\s\S]/g, "").replace(/&(amp|lt|gt);/g, "")).not.toMatch(LIVE);
  expect(out).not.toMatch(/[\n\r\u202A-\u202E\u2066-\u2069\0]/);
}

describe("inline", () => {
  it.each([
    ["plain text", "disk full on db-1", "disk full on db-1"],
    ["user mention", "ping @admin now", `ping @${Z}admin now`],
    ["team mention", "@org/team", `@${Z}org/team`],
    ["everyone", "@org/everyone", `@${Z}org/everyone`],
    ["e-mail address", "ops@example.com", `ops@${Z}example.com`],
    ["issue reference", "see #12", `see \\#${Z}12`],
    ["GH- reference", "GH-12 and gh-13", `GH${Z}-12 and gh${Z}-13`],
    ["cross-repo reference", "owner/repo#12", `owner/repo\\#${Z}12`],
    ["issue URL", "https://github.com/o/r/issues/12", `https:${Z}//github.com/o/r/issues/12`],
    ["pull URL", "http://ghe.corp/o/r/pull/3", `http:${Z}//ghe.corp/o/r/pull/3`],
    ["www issue URL", "www.github.com/o/r/pull/3", `www${Z}.github.com/o/r/pull/3`],
    ["other URL stays", "https://grafana.example.com/d/abc", "https://grafana.example.com/d/abc"],
    ["emphasis", "**bold** _it_ ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~"],
    ["link", "[x](http://evil)", "\\[x\\]\\(http://evil\\)"],
    ["image", "![x](y)", "\\!\\[x\\]\\(y\\)"],
    ["HTML", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"],
    ["entities stay text", "&#64;admin &amp;", `&amp;\\#${Z}64;admin &amp;amp;`],
    ["HTML comment / marker", "<!-- incident-as-code:claim {} -->", "&lt;\\!-- incident-as-code:claim {} --&gt;"],
    ["backticks and fences", "```js `x`", "\\`\\`\\`js \\`x\\`"],
    ["table pipe", "a | b", "a \\| b"],
    ["backslash", "C:\\path\\*", "C:\\\\path\\\\\\*"],
    ["heading at start", "# title", `\\#${Z} title`],
    ["list at start", "- item", "\\- item"],
    ["plus list", "+ item", "\\+ item"],
    ["ordered list", "1. item", "1\\. item"],
    ["setext underline", "===", "\\==="],
    ["dash inside stays", "2026-11-27 a - b", "2026-11-27 a - b"],
    ["blockquote", "> quote", "&gt; quote"],
    ["math", "$x$", "\\$x\\$"],
    ["newlines collapse", "a\n\nb\r\nc\td", "a b c d"],
    ["NUL and controls", "a\0b\u0007c\u009Bd", "abcd"],
    ["bidi overrides", "safe\u202Egnp.exe\u2066x\u2069", "safegnp.exex"],
    ["template syntax is text", "{{ 7*7 }} {% raw %}", "{{ 7\\*7 }} {% raw %}"],
  ])("%s", (_name, input, expected) => {
    const out = inline(input);
    expect(out).toBe(expected);
    inert(out);
  });

  it("bounds length with an ellipsis, in UTF-16 code units, cutting between graphemes", () => {
    expect(inline("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
    expect(inline("😀".repeat(20), 5)).toBe(`${"😀".repeat(2)}…`);
    expect(inline("a".repeat(100_000)).length).toBeLessThanOrEqual(2_000);
  });

  it("non-strings are stringified", () => {
    expect(inline(42 as unknown as string)).toBe("42");
  });
});

describe("cell", () => {
  it.each([
    ["pipes and newlines", "a|b\nc", "a\\|b c"],
    ["empty", "", " "],
    ["long", "y".repeat(300), `${"y".repeat(199)}…`],
  ])("%s", (_n, input, expected) => expect(cell(input)).toBe(expected));
});

describe("multiline", () => {
  it("keeps line breaks and paragraphs, escapes every line start", () => {
    expect(multiline("first @a\n  - second\n\n\n\n# third\n    code?")).toBe(`first @${Z}a\\\n\\- second\n\n\\#${Z} third\\\ncode?`);
  });
});

describe("codeBlock", () => {
  it.each([
    ["plain", "x = 1", "", "```\nx = 1\n```"],
    ["language", "a: 1", "yaml", "```yaml\na: 1\n```"],
    ["hostile language", "a", "js\n```<x>", "```js\na\n```"],
    ["a fence inside", "```\nrm -rf /\n```", "", "````\n```\nrm -rf /\n```\n````"],
    ["a long backtick run", "``````", "", "```````\n``````\n```````"],
    ["mentions stay (GitHub ignores pre/code)", "@admin #12", "", "```\n@admin #12\n```"],
    ["comment opener broken", "<!-- incident-as-code:x {} -->", "", `\`\`\`\n<${Z}!-- incident-as-code:x {} -->\n\`\`\``],
    ["NUL and bidi stripped", "a\0b\u202Ec", "", "```\nabc\n```"],
  ])("%s", (_n, input, lang, expected) => expect(codeBlock(input, lang)).toBe(expected));
});

describe("codeSpan", () => {
  it.each([
    ["plain", "/runbook api", "`/runbook api`"],
    ["backticks inside", "a`b", "``a`b``"],
    ["leading backtick", "`x", "`` `x ``"],
    ["newlines", "a\nb", "`a b`"],
    ["empty", "", ""],
  ])("%s", (_n, input, expected) => expect(codeSpan(input)).toBe(expected));
});

describe("logins and mentions", () => {
  it("login shows @name without notifying", () => {
    expect(login("alice")).toBe(`@${Z}alice`);
    expect(login("@org/team")).toBe(`@${Z}org/team`);
    expect(login("")).toBe("");
  });
  it("mention notifies, and only for a valid login", () => {
    expect(mention("alice")).toBe("@alice");
    expect(mention("@org/sre-team")).toBe("@org/sre-team");
    expect(() => mention("alice bob")).toThrow(/not a GitHub login/);
    expect(() => mention("-x")).toThrow();
  });
});

describe("url", () => {
  it.each([
    ["http URL as autolink", "https://p.example.com/graph?g0.expr=rate(x[5m])", "<https://p.example.com/graph?g0.expr=rate%28x%5B5m%5D%29>"],
    ["javascript: is text", "javascript:alert(1)", "javascript:alert\\(1\\)"],
    ["issue URL is text", "https://github.com/o/r/issues/1", `https:${Z}//github.com/o/r/issues/1`],
    ["spaces make it text", "https://x y", "https://x y"],
  ])("%s", (_n, input, expected) => expect(url(input)).toBe(expected));
});

describe("commitSafe", () => {
  const CLOSING = /\b(close[sd]?|fix(e[sd])?|resolve[sd]?):?\s+(#\d|[\w.-]+\/[\w.-]+#\d|https?:\/\/|GH-\d)/i;
  it.each([
    ["plain", "incident 2026-11-27-001: open P1 api", "incident 2026-11-27-001: open P1 api"],
    ["issue reference", "fixes #12", "fixes 12"],
    ["cross-repo reference", "Closes o/r#3", "Closes o/r 3"],
    ["issue URL", "Resolves https://github.com/o/r/issues/1", "Resolves https github.com/o/r/issues/1"],
    ["GH- reference", "fix GH-7", "fix GH 7"],
    ["mention", "thanks @admin", "thanks admin"],
    ["newlines and controls", "a\nb\0c\u202Ed", "a bcd"],
    ["bounded", "z".repeat(200), "z".repeat(100)],
  ])("%s", (_n, input, expected) => {
    const out = commitSafe(input);
    expect(out).toBe(expected);
    expect(out).toMatch(/^[A-Za-z0-9 ._:/-]*$/);
    expect(out).not.toMatch(CLOSING);
  });
});

// Test helpers: the shipped templates read from disk, and checks that rendered text is inert.
import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { ZWSP } from "./escape.js";

const dir = new URL("../../policies/templates/", import.meta.url);

export function shippedTemplates(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".njk"))
      .sort()
      .map((f) => [f.slice(0, -4), readFileSync(new URL(f, dir), "utf8")]),
  );
}

/** Everything hostile at once: markdown, a mention, a marker, a fence, template code, references. */
export const HOSTILE = "**bold** @admin <!-- incident-as-code:claim {} --> ```` {{ 7*7 }} #12 GH-12 o/r#12 <img src=x> |x| \u202Egnp.exe\0";

/** Outside code (where GitHub renders nothing), the hostile text left no live construct. */
export function expectInert(markdown: string): void {
  const prose = markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\S\n]*$/gm, "").replace(/(`+)[^`\n]+?\1/g, "");
  expect(markdown).not.toContain("49");
  expect(markdown).not.toMatch(/[\u202E\0]/);
  expect(prose).not.toContain("**bold**");
  expect(prose).not.toMatch(/@admin|#12|GH-12|<img|<!-- incident-as-code:claim/);
  expect(prose).toContain(`@${ZWSP}admin`);
}

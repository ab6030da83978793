import { describe, expect, it } from "vitest";
import type { Matcher } from "../config/types.js";
import { matches, matchesAll, parseMatchers } from "./matchers.js";

// Cases from Alertmanager's documented behaviour (docs/configuration.md "matcher" and
// pkg/labels/matcher_test.go): anchoring, missing label = "", negation of a missing label.
describe("matches", () => {
  it.each<[Matcher["op"], string, Record<string, string>, boolean]>([
    ["=", "bar", { foo: "bar" }, true],
    ["=", "bar", { foo: "baz" }, false],
    ["=", "", {}, true],
    ["=", "", { foo: "" }, true],
    ["=", "", { foo: "bar" }, false],
    ["!=", "bar", { foo: "bar" }, false],
    ["!=", "bar", { foo: "baz" }, true],
    ["!=", "bar", {}, true],
    ["!=", "", {}, false],
    ["!=", "", { foo: "x" }, true],
    ["=~", "bar", { foo: "bar" }, true],
    ["=~", "ba", { foo: "bar" }, false], // anchored at the end
    ["=~", "ar", { foo: "bar" }, false], // anchored at the start
    ["=~", "b.*", { foo: "bar" }, true],
    ["=~", "bar|baz", { foo: "baz" }, true],
    ["=~", "a|bar", { foo: "bar" }, true], // alternation is grouped before anchoring
    ["=~", "a|b", { foo: "ab" }, false],
    ["=~", ".*", {}, true], // missing label is "" and .* matches ""
    ["=~", ".+", {}, false],
    ["=~", "", {}, true],
    ["!~", "bar", { foo: "bar" }, false],
    ["!~", "ba", { foo: "bar" }, true],
    ["!~", ".+", {}, true],
    ["!~", ".*", {}, false],
    ["=~", "(?i)BAR", { foo: "bar" }, true],
    ["=~", "5..", { foo: "503" }, true],
    ["=~", "5..", { foo: "5030" }, false],
    ["=~", "a.b", { foo: "a\nb" }, false], // . does not match a newline, as in RE2 without (?s)
  ])("foo %s %j against %j → %s", (op, value, labels, expected) => {
    expect(matches({ label: "foo", op, value }, labels)).toBe(expected);
  });

  it("requires every matcher and accepts an empty list", () => {
    const ms = parseMatchers('{service="api", severity=~"critical|warning"}');
    expect(matchesAll(ms, { service: "api", severity: "warning" })).toBe(true);
    expect(matchesAll(ms, { service: "api", severity: "info" })).toBe(false);
    expect(matchesAll([], {})).toBe(true);
  });
});

// Each case of this table behaves the same in Alertmanager (Go's RE2), and each but the first
// differs in JavaScript's RegExp: they are why policy regexes go through RE2.
describe("RE2 semantics", () => {
  it.each<[string, string, boolean]>([
    ["db\\d+\\.prod\\..+", "db1.prod.x", true],
    ["[[:alpha:]]+", "a", true],
    ["[[:alpha:]]+", "é", false],
    ["\\pL+", "éa", true],
    ["\\p{Greek}+", "αβ", true],
    ["a\\z", "a", true],
    ["\\Aa", "a", true],
    ["\\Qa.b\\E", "a.b", true],
    ["\\Qa.b\\E", "axb", false],
    ["(?s)a.b", "a\nb", true],
    ["(?U)(a+)", "aa", true],
    ["(?P<name>a)b", "ab", true],
    ["a(?i)b", "aB", true],
    ["A(?i)b", "aB", false],
    ["a.b", "a\rb", true], // . is anything but \n
    ["a.b", "a\nb", false],
    ["(?i)s", "ſ", true], // Unicode simple case folding
    ["(?i)k", "\u212a", true], // Kelvin sign
    ["\\s", "\u00a0", false], // \s is ASCII white space in RE2
    ["\\s", "\u000b", false],
    [".", "😀", true], // one code point, not two UTF-16 units
    ["..", "😀", false],
    ["\\d", "٣", false],
    ["\\w", "é", false],
    ["(?i)σ", "ς", true],
  ])("=~ %j against %j → %s", (re, value, expected) => {
    expect(matches({ label: "foo", op: "=~", value: re }, { foo: value })).toBe(expected);
  });
});

describe("label lookup", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("%s is a missing label in {}, so it equals \"\"", (name) => {
    expect(matches({ label: name, op: "=", value: "" }, {})).toBe(true);
    expect(matches({ label: name, op: "=~", value: ".+" }, {})).toBe(false);
    expect(matches({ label: name, op: "!=", value: "" }, {})).toBe(false);
  });

  it("reads a label named __proto__ when the sender sent one", () => {
    const labels = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect(matches({ label: "__proto__", op: "=", value: "x" }, labels)).toBe(true);
  });
});

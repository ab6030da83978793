import { describe, expect, it } from "vitest";
import type { Matcher } from "../config/types.js";
import { MatcherSyntaxError, formatMatchers, matches, matchesAll, parseMatchers } from "./matchers.js";

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

describe("parseMatchers", () => {
  it.each<[string, Matcher[]]>([
    ["", []],
    ["{}", []],
    ['{service="api"}', [{ label: "service", op: "=", value: "api" }]],
    ['service="api"', [{ label: "service", op: "=", value: "api" }]],
    [
      '{service="api", severity=~"critical|warning"}',
      [
        { label: "service", op: "=", value: "api" },
        { label: "severity", op: "=~", value: "critical|warning" },
      ],
    ],
    ["{ a != b , c !~ d, }", [{ label: "a", op: "!=", value: "b" }, { label: "c", op: "!~", value: "d" }]],
    ['{a=""}', [{ label: "a", op: "=", value: "" }]],
    ['{a="say \\"hi\\"\\n"}', [{ label: "a", op: "=", value: 'say "hi"\n' }]],
    ['{"odd label"="x"}', [{ label: "odd label", op: "=", value: "x" }]],
    ['{status=~"5.."}', [{ label: "status", op: "=~", value: "5.." }]],
  ])("%s", (text, expected) => {
    expect(parseMatchers(text)).toEqual(expected);
  });

  it.each<[string, number, RegExp]>([
    ['{service="api"', 14, /expected "}"/],
    ['{service "api"}', 9, /expected one of = != =~ !~/],
    ['{1abc="x"}', 1, /expected a label name/],
    ['{a="x}', 3, /unterminated quoted string/],
    ['{a=~"(unclosed"}', 4, /invalid regular expression/],
    ['{a="x" b="y"}', 7, /expected "," or "}"/],
    ['a="x"}', 5, /without "\{"/],
  ])("rejects %s at offset %d", (text, offset, message) => {
    try {
      parseMatchers(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MatcherSyntaxError);
      expect((e as MatcherSyntaxError).offset).toBe(offset);
      expect((e as Error).message).toMatch(message);
    }
  });

  it("round-trips through formatMatchers", () => {
    const ms = parseMatchers('{a="x", b=~"y|z", c!="", d!~"q\\"r"}');
    expect(parseMatchers(formatMatchers(ms))).toEqual(ms);
  });
});

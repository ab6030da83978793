import { describe, expect, it } from "vitest";
import type { Matcher } from "../config/types.js";
import { MatcherSyntaxError, formatMatchers, parseMatchers, type MatcherGrammar } from "./matchers.js";

const m = (label: string, op: Matcher["op"], value: string): Matcher => ({ label, op, value });

// The classic grammar: cases as Alertmanager's own tests state them (pkg/labels/parse_test.go),
// plus the facts its parser implies (escapes kept literally, the quote/comma tokenizer).
describe("classic grammar (Alertmanager pkg/labels)", () => {
  it.each<[string, Matcher[]]>([
    ['{foo="bar"}', [m("foo", "=", "bar")]],
    ['{foo=~"bar.*"}', [m("foo", "=~", "bar.*")]],
    ['{foo!="bar"}', [m("foo", "!=", "bar")]],
    ['{foo!~"bar.*"}', [m("foo", "!~", "bar.*")]],
    ['{foo="bar", baz!="quux"}', [m("foo", "=", "bar"), m("baz", "!=", "quux")]],
    ['{foo="bar",baz!~".*quux", derp="wat"}', [m("foo", "=", "bar"), m("baz", "!~", ".*quux"), m("derp", "=", "wat")]],
    ['{foo=""}', [m("foo", "=", "")]],
    ['{foo="bar,quux", job="job1"}', [m("foo", "=", "bar,quux"), m("job", "=", "job1")]],
    ['{foo = "bar", dings != "bums", }', [m("foo", "=", "bar"), m("dings", "!=", "bums")]],
    ["foo=bar,dings!=bums", [m("foo", "=", "bar"), m("dings", "!=", "bums")]],
    ['{quote="She said: \\"Hi, ladies! That\'s gender-neutral…\\""}', [m("quote", "=", 'She said: "Hi, ladies! That\'s gender-neutral…"')]],
    ['statuscode=~"5.."', [m("statuscode", "=~", "5..")]],
    ["tricky=~~~", [m("tricky", "=~", "~~")]],
    ['trickier==\\\\=\\=\\"', [m("trickier", "=", '=\\=\\="')]],
    ['contains_quote != "\\"" , contains_comma !~ "foo,bar" , ', [m("contains_quote", "!=", '"'), m("contains_comma", "!~", "foo,bar")]],
    ["job=", [m("job", "=", "")]],
    // Backslashes other than \" \\ \n are kept: the regex below is what the author wrote.
    ['instance=~"db\\d+\\.prod\\..+"', [m("instance", "=~", "db\\d+\\.prod\\..+")]],
    ['a="x\\ty"', [m("a", "=", "x\\ty")]],
    ['a="line\\nbreak"', [m("a", "=", "line\nbreak")]],
    ["a=x\\", [m("a", "=", "x\\")]], // a trailing backslash is literal
    ["a=b c  ", [m("a", "=", "b c")]], // unquoted: inner spaces kept, trailing ones dropped
    ['a="b c  "', [m("a", "=", "b c  ")]],
    ["a::b=c", [m("a::b", "=", "c")]], // colons are allowed in classic names
    ["a==b", [m("a", "=", "=b")]],
    ["", []],
    ["{}", []],
    ["a=b,", [m("a", "=", "b")]],
  ])("%s", (text, expected) => {
    expect(parseMatchers(text, "classic")).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['job="value', /^matcher value contains unescaped double quote: "value$/],
    ['job=value"', /^matcher value contains unescaped double quote: value"$/],
    ['trickier==\\\\=\\=\\""', /unescaped double quote/],
    ['contains_unescaped_quote = foo"bar', /unescaped double quote: foo"bar/],
    ['{invalid-name = "valid label"}', /^bad matcher format: invalid-name = "valid label"$/],
    ['{foo=~"invalid[regexp"}', /error parsing regexp: missing closing \]/],
    ['"{foo=\\"bar"}', /^bad matcher format/],
    ['"foo="bar""', /^bad matcher format/],
    [" {a=b}", /^bad matcher format/], // the brace is stripped only as the very first character
    ["a=b,,c=d", /^bad matcher format: $/],
    ['{a="x\\,", b="y"}', /unescaped double quote/], // a comma inside quotes keeps the escape pending
  ])("refuses %s", (text, message) => {
    expect(() => parseMatchers(text, "classic")).toThrow(message);
  });
});

// The UTF-8 grammar: cases as Alertmanager's matcher/parse/parse_test.go states them.
describe("UTF-8 grammar (Alertmanager matcher/parse)", () => {
  it.each<[string, Matcher[]]>([
    ["", []],
    ["{}", []],
    ["{foo=bar}", [m("foo", "=", "bar")]],
    ["{foo=bar,}", [m("foo", "=", "bar")]],
    ["{foo=~[a-z]+}", [m("foo", "=~", "[a-z]+")]],
    ["{foo=🙂bar}", [m("foo", "=", "🙂bar")]],
    ["foo!~[a-z]+", [m("foo", "!~", "[a-z]+")]],
    ['{"foo"="bar"}', [m("foo", "=", "bar")]],
    ['{"foo"=~"\\\\d+"}', [m("foo", "=~", "\\d+")]],
    ['{"foo"="\\xf0\\x9f\\x99\\x82"}', [m("foo", "=", "🙂")]],
    ['{"foo"="\\U0001f642"}', [m("foo", "=", "🙂")]],
    ['{"foo"="bar\\t"}', [m("foo", "=", "bar\t")]],
    ['{"foo"="\\"bar\\""}', [m("foo", "=", '"bar"')]],
    ['{"foo"="bar\\\\"}', [m("foo", "=", "bar\\")]],
    ['"foo"="bar",', [m("foo", "=", "bar")]],
    ["foo=bar,bar!=baz", [m("foo", "=", "bar"), m("bar", "!=", "baz")]],
    ['{"odd label"="x", "ünï"!="y"}', [m("odd label", "=", "x"), m("ünï", "!=", "y")]],
    ["a\u00a0=\u3000b", [m("a", "=", "b")]], // Unicode white space between tokens
  ])("%s", (text, expected) => {
    expect(parseMatchers(text, "utf8")).toEqual(expected);
  });

  it.each<string>([
    ",",
    "{,}",
    "{",
    "}",
    "foo=bar}",
    "{foo=bar",
    '{foo=:"bar"}',
    '{foo="bar\\w"}', // not a Go escape
    '{"foo"=~"\\d+"}',
    "{foo=bar\\n}",
    '{"foo"="\\xf0\\x9f"}', // not valid UTF-8
    "a!b",
    "a='b'",
    '{a="b"} c',
    'a="x\ny"',
  ])("refuses %s", (text) => {
    expect(() => parseMatchers(text, "utf8")).toThrow(MatcherSyntaxError);
  });
});

// Alertmanager's default since 0.27 (matcher/compat FallbackMatchersParser): the classic result
// whenever the classic grammar accepts the text, else the UTF-8 result, else the classic error.
describe("fallback: Alertmanager's default", () => {
  it.each<[string, Matcher[]]>([
    ['instance=~"db\\d+\\.prod\\..+"', [m("instance", "=~", "db\\d+\\.prod\\..+")]], // both accept, they differ: classic wins
    ['{"odd label"="x"}', [m("odd label", "=", "x")]], // only UTF-8 accepts
    ['a="\\u00e9"', [m("a", "=", "\\u00e9")]], // classic keeps the backslash
    ["{foo=🙂}", [m("foo", "=", "🙂")]],
  ])("%s", (text, expected) => {
    expect(parseMatchers(text)).toEqual(expected);
  });

  it("reports the classic error when both refuse, at the offending part", () => {
    try {
      parseMatchers('{a="ok", b="x}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MatcherSyntaxError);
      expect((e as Error).message).toBe('matcher value contains unescaped double quote: "x');
      expect((e as MatcherSyntaxError).offset).toBe(11);
    }
  });

  it.each<[MatcherGrammar, string]>([
    ["fallback", '{a="x", b=~"y|z", c!="", d!~"q\\"r", e="line\\nbreak", f="back\\\\slash", g="db\\\\d+"}'],
    ["fallback", '{"odd label"="x\\ty"}'],
  ])("formatMatchers round-trips (%s) %s", (grammar, text) => {
    const ms = parseMatchers(text, grammar);
    expect(parseMatchers(formatMatchers(ms), grammar)).toEqual(ms);
  });
});

// RE2 syntax Alertmanager refuses, and JavaScript would accept.
describe("regexes Alertmanager refuses", () => {
  it.each<string>(["(?=a)a", "(?!a)b", "(?<=a)b", "(a)\\1", "(?<name>a)", "\\Z", "\\e", "\\cA", "a**", "x{1001}", "[a"])("a=~%j", (re) => {
    expect(() => parseMatchers(`a=~"${re.replace(/\\/g, "\\\\")}"`, "utf8")).toThrow(/error parsing regexp/);
  });
});

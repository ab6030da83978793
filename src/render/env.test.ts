import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { ZWSP } from "./escape.js";
import { createRenderer, rendererFor, TemplateNotFoundError, trusted } from "./env.js";

const Z = ZWSP;

function render(src: string, context: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  return createRenderer({ t: src, ...extra }).render("t", context);
}

describe("markdown autoescape", () => {
  const evil = "**bold** @admin <!-- x --> #1";
  const escaped = `\\*\\*bold\\*\\* @${Z}admin &lt;\\!-- x --&gt; \\#${Z}1`;

  it.each([
    ["a value", "{{ v }}", { v: evil }, escaped],
    ["a nested value", "{{ a.b[0] }}", { a: { b: [evil] } }, escaped],
    ["an object key", "{% for k, x in m %}{{ k }}={{ x }}{% endfor %}", { m: { "@k": "#2" } }, `@${Z}k=\\#${Z}2`],
    ["a concatenation", '{{ v ~ "!" }}', { v: "@a" }, `@${Z}a\\!`],
    ["a builtin filter's result", "{{ v | upper }}", { v: "@a" }, `@${Z}A`],
    ["the escape filter", "{{ v | e }}", { v: "@a <b>" }, `@${Z}a &lt;b&gt;`],
    ["a macro argument", "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(v) }}", { v: "@a" }, `[@${Z}a]`],
    ["a number", "{{ n }}", { n: 42 }, "42"],
    ["undefined and null", "[{{ nope }}{{ n }}]", { n: null }, "[]"],
    ["template code in a value", "{{ v }}", { v: "{{ 7*7 }}{% for x in y %}" }, "{{ 7\\*7 }}{% for x in y %}"],
    ["template text itself", "**{{ v }}**", { v: "x" }, "**x**"],
  ])("escapes %s", (_n, src, ctx, expected) => expect(render(src, ctx)).toBe(expected));

  it("escapes values rendered by an included template", () => {
    expect(render('{% include "part" %}', { v: "@a" }, { part: "<{{ v }}>" })).toBe(`<@${Z}a>`);
  });

  it("escapes values in blocks of an extended template", () => {
    const r = createRenderer({ base: "[{% block b %}{% endblock %}]", child: '{% extends "base" %}{% block b %}{{ v }}{% endblock %}' });
    expect(r.render("child", { v: "_x_" })).toBe("[\\_x\\_]");
  });

  it("leaves trusted() fragments alone", () => {
    expect(render("{{ v }}", { v: trusted("**ours**") })).toBe("**ours**");
  });

  it("does not change nunjucks for anyone else", () => {
    expect(new nunjucks.Environment(null, { autoescape: true }).renderString("{{ v }}", { v: "<@a>" })).toBe("&lt;@a&gt;");
  });
});

describe("filters", () => {
  it.each([
    ["code", '{{ v | code("sh") }}', { v: "echo `x` @a" }, "```sh\necho `x` @a\n```"],
    ["codespan", "{{ v | codespan }}", { v: "a_b" }, "`a_b`"],
    ["cell", "{{ v | cell(5) }}", { v: "a|b\nc d e f" }, "a\\|b…"],
    ["inline bound", "{{ v | inline(3) }}", { v: "abcdef" }, "ab…"],
    ["text", "{{ v | text }}", { v: "a\n- b" }, "a\\\n\\- b"],
    ["login", "{{ v | login }}", { v: "alice" }, `@${Z}alice`],
    ["url", "{{ v | url }}", { v: "https://x.example/a(b)" }, "<https://x.example/a%28b%29>"],
    ["raw_trusted", "{{ v | raw_trusted }}", { v: "**ours**" }, "**ours**"],
    ["duration", "{{ v | duration }}", { v: 5_400_000 }, "1h 30m"],
    ["duration in seconds", "{{ v | duration }}", { v: 45_000 }, "45s"],
    ["duration in days", "{{ v | duration }}", { v: 90_000_000 }, "1d 1h"],
    ["duration of nonsense", "[{{ v | duration }}]", { v: "soon" }, "[]"],
    ["datetime", '{{ v | datetime("America/Los_Angeles") }}', { v: "2026-11-27T17:05:00Z" }, "2026-11-27 09:05 PST"],
    ["datetime in summer", '{{ v | datetime("America/Los_Angeles") }}', { v: "2026-07-01T17:05:00Z" }, "2026-07-01 10:05 PDT"],
    ["datetime default UTC", "{{ v | datetime }}", { v: "2026-11-27T17:05:00+01:00" }, "2026-11-27 16:05 UTC"],
    ["datetime of nonsense", "{{ v | datetime }}", { v: "@soon" }, `@${Z}soon`],
    ["join", '{{ v | join(", ") }}', { v: ["@a", "b_c"] }, `@${Z}a, b\\_c`],
    ["join by attribute", '{{ v | join(" / ", "n") }}', { v: [{ n: "x" }, { n: "*y" }] }, "x / \\*y"],
  ])("%s", (_n, src, ctx, expected) => expect(render(src, ctx)).toBe(expected));
});

describe("templates come only from the policy map", () => {
  it("renders by id, with or without .njk", () => {
    expect(render('{% include "part.njk" %}', {}, { part: "p" })).toBe("p");
  });

  it("throws for an unknown id", () => {
    expect(() => createRenderer({ a: "x" }).render("b", {})).toThrow(TemplateNotFoundError);
  });

  it("cannot include a file from disk", () => {
    expect(() => render('{% include "/etc/passwd" %}')).toThrow(/template not found/);
    expect(() => render('{% include "../package.json" %}')).toThrow(/template not found/);
  });

  it("a template name from the context is still looked up in the map only", () => {
    expect(() => render("{% include v %}", { v: "/etc/hostname" })).toThrow(/template not found/);
  });

  it("reuses one renderer per policy set", () => {
    const templateSources = { a: "x" };
    expect(rendererFor({ templateSources })).toBe(rendererFor({ templateSources }));
  });
});

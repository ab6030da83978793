// Single matchers where JavaScript's reading differs from Alertmanager's, each on a one-route
// configuration. The expected answers are RE2's (Alertmanager's); when Debian's amtool is
// installed, each is also asked of the real thing, so the table cannot drift from it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matchRoutes } from "../../src/engine/route.js";
import { parseMatchers } from "../../src/engine/matchers.js";
import type { RouteNode } from "../../src/config/types.js";
import { AMTOOL, amtoolReceivers } from "./differential.js";

const hasAmtool = spawnSync(AMTOOL, ["--version"]).status === 0;

/** [matcher as written in alertmanager.yml (YAML single-quoted), labels, does the route match?] */
const EXAMPLES: [string, Record<string, string>, boolean][] = [
  [String.raw`instance=~"db\d+\.prod\..+"`, { instance: "db1.prod.x" }, true],
  [String.raw`instance=~"db\d+\.prod\..+"`, { instance: "dbx.prod.x" }, false],
  ['job=~"[[:alpha:]]+"', { job: "a" }, true],
  ['job=~"[[:alpha:]]+"', { job: "é" }, false],
  [String.raw`x=~"\pL+"`, { x: "éa" }, true],
  [String.raw`x=~"\p{Greek}+"`, { x: "αβ" }, true],
  [String.raw`x=~"a\z"`, { x: "a" }, true],
  [String.raw`x=~"\Aa"`, { x: "a" }, true],
  [String.raw`x=~"\Qa.b\E"`, { x: "a.b" }, true],
  [String.raw`x=~"\Qa.b\E"`, { x: "axb" }, false],
  ['x=~"(?s)a.b"', { x: "a\nb" }, true],
  ['x=~"(?U)(a+)"', { x: "aa" }, true],
  ['x=~"(?P<name>a)b"', { x: "ab" }, true],
  ['x=~"a(?i)b"', { x: "aB" }, true],
  ['x=~"A(?i)b"', { x: "aB" }, false],
  ['x=~"a.b"', { x: "a\rb" }, true],
  ['x=~"a.b"', { x: "a\nb" }, false],
  ['x=~"(?i)s"', { x: "ſ" }, true],
  [String.raw`x=~"\s"`, { x: "\u00a0" }, false],
  ['x=~"."', { x: "😀" }, true],
  ['x=~".."', { x: "😀" }, false],
  ['constructor=""', {}, true],
  ['toString=~".+"', {}, false],
];

function oneRoute(matcher: string): string {
  const dir = mkdtempSync(join(tmpdir(), "iac-am-one-"));
  const file = join(dir, "alertmanager.yml");
  writeFileSync(file, `route:\n  receiver: default\n  routes:\n    - receiver: hit\n      matchers: ['${matcher.replace(/'/g, "''")}']\nreceivers: [{ name: default }, { name: hit }]\n`);
  return file;
}

const tree = (matcher: string): RouteNode => {
  const node = (name: string, matchers: string, routes: RouteNode[] = []): RouteNode => ({ name, matchers: parseMatchers(matchers), continue: false, groupBy: [], muteTimeIntervals: [], activeTimeIntervals: [], team: null, rotation: null, escalationPolicy: null, channels: [name], routes, source: { file: "x", line: 1, column: 1 } });
  return node("default", "", [node("hit", matcher)]);
};

describe("matchers where JavaScript and Alertmanager disagree", () => {
  it.each(EXAMPLES)("%s with %j → %s", (matcher, labels, expected) => {
    expect(matchRoutes(tree(matcher), labels).map((m) => m.settings.channels[0])).toEqual([expected ? "hit" : "default"]);
  });

  it.runIf(hasAmtool)("Debian's amtool gives the same answers", async () => {
    const answers: string[][] = [];
    for (let i = 0; i < EXAMPLES.length; i += 4) answers.push(...(await Promise.all(EXAMPLES.slice(i, i + 4).map(([m, labels]) => amtoolReceivers({ alertname: "x", ...labels }, oneRoute(m))))));
    expect(answers).toEqual(EXAMPLES.map(([, , expected]) => [expected ? "hit" : "default"]));
  }, 120_000);

  it.each(["x=~\"(?=a)a\"", String.raw`x=~"(a)\1"`, 'x=~"(?<n>a)"'])("refuses %s, as Alertmanager does", (matcher) => {
    expect(() => parseMatchers(matcher)).toThrow(/error parsing regexp/);
    if (hasAmtool) expect(spawnSync(AMTOOL, ["check-config", oneRoute(matcher)]).status).not.toBe(0);
  }, 60_000);
});

// Every way a policy can be broken that the policy-as-code issue names, through the real loader
// over the shipped files: one clear error, at the right file and line, and all of them in one run.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicies, type PolicyIssue } from "../../src/config/index.js";

function shipped(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[p] = readFileSync(p, "utf8");
    }
  };
  walk("policies");
  return files;
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
const errors = (issues: PolicyIssue[]) => issues.filter((i) => i.level === "error");

interface Case {
  name: string;
  file: string;
  from: string;
  to: string;
  /** The text whose line the error must be on (in the edited file); defaults to `to`. */
  at?: string;
  message: RegExp;
}

const cases: Case[] = [
  { name: "wrong type", file: "policies/severities.yaml", from: "response_time: 1h", to: "response_time: [1h]", message: /`severities.P2.response_time` must be a string/ },
  { name: "unknown key, with a near miss", file: "policies/teams.yaml", from: "    lead: dana-example", to: "    laed: dana-example", message: /unknown key `laed` .*did you mean `lead`\?/ },
  { name: "unknown severity referenced from routing", file: "policies/routing.yaml", from: "by_severity:\n", to: "by_severity:\n  P9:\n    channels: [email]\n    notify: [on-call-primary]\n", at: "  P9:", message: /P9/ },
  { name: "override member who is not in the rotation", file: "policies/oncall/rotations.yaml", from: "        member: frank-example", to: "        member: mallory-example", message: /`mallory-example` is not a member of rotation `api-oncall`/ },
  { name: "invalid regex in a matcher", file: "policies/routing.yaml", from: `'{__service!~"api|web|database|auth"}'`, to: `'{__service!~"api|(web"}'`, message: /invalid regular expression/ },
  { name: "invalid IANA zone", file: "policies/oncall/rotations.yaml", from: "    time_zone: America/Los_Angeles", to: "    time_zone: America/Springfield", message: /"America\/Springfield" is not an IANA time zone/ },
  { name: "escalation step that can never be reached", file: "policies/escalation.yaml", from: "      - after: 15m\n        targets: [{ team: leadership }]", to: "      - after: 15m\n        targets: [{ team: leadershp }]", at: "leadershp", message: /leadershp/ },
  { name: "template that does not parse", file: "policies/templates/update.njk", from: "Status: {{ status }}", to: "Status: {{ status }", message: /template does not parse/ },
];

// Regex syntax JavaScript accepts and Alertmanager (Go's RE2) refuses, and mistakes in the
// Alertmanager-style files: each is one error at its own line.
const alertmanagerCases: Case[] = [
  { name: "lookahead", file: "policies/routing.yaml", from: `'{__service="api"}'`, to: `'{__service=~"(?=a)api"}'`, message: /invalid or unsupported Perl syntax: `\(\?=`/ },
  { name: "backreference", file: "policies/routing.yaml", from: `'{__service="web"}'`, to: `'{__service=~"(w)\\1eb"}'`, message: /invalid escape sequence: `\\1`/ },
  { name: "JavaScript named group", file: "policies/routing.yaml", from: `'{__service="auth"}'`, to: `'{__service=~"(?<n>auth)"}'`, message: /\(\?<n>.*\(\?P<name>/ },
  { name: "lookbehind in an inhibit rule", file: "policies/inhibition.yaml", from: `'alertname=~"HighLatency|SlowResponses"'`, to: `'alertname=~"(?<!x)HighLatency"'`, message: /error parsing regexp/ },
  { name: "unknown time interval on a route", file: "policies/routing.yaml", from: "mute_time_intervals: [nightly-backups]", to: "mute_time_intervals: [nightly-backup]", message: /time interval `nightly-backup` is not defined in time-intervals.yaml/ },
  { name: "a time of day Alertmanager refuses", file: "policies/time-intervals.yaml", from: `{ start_time: "01:00", end_time: "03:00" }`, to: `{ start_time: "01:00", end_time: "25:00" }`, message: /couldn't parse timestamp 25:00/ },
  { name: "an unknown time zone", file: "policies/time-intervals.yaml", from: "        location: America/Los_Angeles\n  - name: business-hours", to: "        location: America/Springfield\n  - name: business-hours", message: /unknown time zone "America\/Springfield"/ },
  { name: "group_by with ... and a name", file: "policies/routing.yaml", from: "      team: frontend\n", to: "      team: frontend\n      group_by: ['...', alertname]\n", at: "      group_by: ['...', alertname]", message: /cannot have wildcard group_by/ },
];

describe("Alertmanager refusals", () => {
  it.each(alertmanagerCases)("$name: one error at $file, on the right line", ({ file, from, to, at, message }) => {
    const files = shipped();
    const original = files[file] ?? "";
    expect(original).toContain(from);
    files[file] = original.replace(from, to);
    const found = errors(compilePolicies(files).issues);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file, line: lineOf(files[file], at ?? to.split("\n")[0]!), message: expect.stringMatching(message) as unknown });
  });
});

describe("broken policies", () => {
  it("the shipped policies load without errors", () => {
    expect(errors(compilePolicies(shipped()).issues)).toEqual([]);
  });

  it.each(cases)("$name: one error at $file, on the right line", ({ file, from, to, at, message }) => {
    const files = shipped();
    const original = files[file] ?? "";
    expect(original).toContain(from);
    files[file] = original.replace(from, to);
    const found = errors(compilePolicies(files).issues);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file, line: lineOf(files[file], at ?? to.split("\n")[0]!), message: expect.stringMatching(message) as unknown });
  });

  it("reports every problem in one run", () => {
    // Cross-file checks need the files they refer to: teams.yaml stays intact so the escalation
    // targets can still be checked while everything else is broken at once.
    const together = cases.filter((c) => c.file !== "policies/teams.yaml" && c.name !== "unknown severity referenced from routing");
    const files = shipped();
    for (const c of together) files[c.file] = (files[c.file] ?? "").replace(c.from, c.to);
    const found = errors(compilePolicies(files).issues);
    for (const c of together) expect(found).toContainEqual(expect.objectContaining({ file: c.file, message: expect.stringMatching(c.message) as unknown }));
  });
});

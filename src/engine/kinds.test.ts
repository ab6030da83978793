import { describe, expect, it } from "vitest";
import { compileWith } from "../config/compile.js";
import { fullRegistry, policyFiles, shippedPolicies } from "../../test/engine/fixtures.js";

const compileWithEdit = (file: string, edit: (text: string) => string) => {
  const files = policyFiles();
  files[file] = edit(files[file] as string);
  return compileWith(fullRegistry, files);
};
const errors = (r: ReturnType<typeof compileWith>) => r.issues.filter((i) => i.level === "error").map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`);

describe("engine policy files", () => {
  it("compile with the engine's files, schemas and cross-checks", () => {
    const result = compileWith(fullRegistry, policyFiles());
    expect(errors(result)).toEqual([]);
    const p = shippedPolicies();
    expect(p.routing.bySeverity).toEqual({
      P0: { channels: ["pagerduty", "slack-incidents", "phone-call", "teams-leadership", "incident-webhook"], notify: ["on-call-all", "leadership"] },
      P1: { channels: ["pagerduty", "slack-incidents", "incident-webhook"], notify: ["on-call-primary", "on-call-secondary"] },
      P2: { channels: ["slack-incidents", "email"], notify: ["on-call-primary"] },
      P3: { channels: ["slack-team", "jira"], notify: ["engineering-team"] },
    });
    expect(p.correlation).toMatchObject({ groupBy: ["__service", "__component", "__error_type"], window: 300_000, cascade: { minRelated: 6, spreadRate: 0.8, severity: "P0" }, intermittent: { severity: "P2" } });
    expect(p.classification.rules.find((r) => r.name === "ServiceDown")?.matchers).toEqual([
      { label: "alertname", op: "=", value: "ServiceDown" },
      { label: "job", op: "=", value: "api" },
    ]);
  });

  it("reports a matcher syntax error at the matcher's line", () => {
    const text = policyFiles()["policies/classification.yaml"] as string;
    const line = text.slice(0, text.indexOf(`'{alertname="HighErrorRate"}'`)).split("\n").length;
    const r = compileWithEdit("policies/classification.yaml", (t) => t.replace(`'{alertname="HighErrorRate"}'`, `'{alertname="HighErrorRate}'`));
    expect(errors(r)).toEqual([expect.stringMatching(new RegExp(`^policies/classification\\.yaml:${line}:15 invalid matchers: matcher value contains unescaped double quote: "HighErrorRate \\(at character 12\\)`))]);
  });

  it("accepts what Alertmanager accepts: a missing closing brace", () => {
    const r = compileWithEdit("policies/classification.yaml", (t) => t.replace(`'{alertname="HighErrorRate"}'`, `'{alertname="HighErrorRate"'`));
    expect(errors(r)).toEqual([]);
  });

  it("reports an invalid regex at the matcher's line", () => {
    const r = compileWithEdit("policies/routing.yaml", (t) => t.replace(`'{__service!~"api|web|database|auth"}'`, `'{__service!~"api|(web"}'`));
    expect(errors(r)).toEqual([expect.stringMatching(/^policies\/routing\.yaml:\d+:\d+ invalid matchers: invalid regular expression "api\|\(web"/)]);
  });

  it.each([
    ["team: backend", "team: backnd", /team `backnd` is not defined in teams\.yaml/],
    ["rotation: web-oncall", "rotation: web-on-call", /rotation `web-on-call` is not defined in oncall\/rotations\.yaml/],
    ["channels: [security-private]", "channels: [sec-private]", /channel `sec-private` is not defined in routing\.yaml channels/],
    ["notify: [on-call-all, leadership]", "notify: [on-call-all, leaders]", /audience `leaders` is not defined/],
    ["      rotation: auth-oncall\n      channels", "      rotation: auth-oncall\n      escalation_policy: p0-now\n      channels", /escalation policy `p0-now` is not defined in escalation\.yaml/],
  ])("rejects a route reference %s → %s at its line", (from, to, message) => {
    const files = policyFiles();
    const text = files["policies/routing.yaml"] as string;
    const line = text.slice(0, text.indexOf(from)).split("\n").length + (from.startsWith("      rotation") ? 1 : 0);
    const r = compileWithEdit("policies/routing.yaml", (t) => t.replace(from, to));
    const [only] = r.issues.filter((i) => i.level === "error");
    expect(only?.message).toMatch(message);
    expect(only?.line).toBe(line);
  });

  it("rejects a channel option on a type it does not apply to, and an e-mail channel without a sender", () => {
    const slackWithFrom = compileWithEdit("policies/routing.yaml", (t) => t.replace("    secret: SLACK_INCIDENTS_WEBHOOK_URL\n", "    secret: SLACK_INCIDENTS_WEBHOOK_URL\n    from: x@example.com\n"));
    const line = (policyFiles()["policies/routing.yaml"] as string).split("\n").indexOf("    secret: SLACK_INCIDENTS_WEBHOOK_URL") + 2;
    expect(errors(slackWithFrom)).toEqual([`policies/routing.yaml:${line}:5 \`from\` applies only to email channels; channel \`slack-incidents\` is slack`]);
    const noFrom = compileWithEdit("policies/routing.yaml", (t) => t.replace("    from: Incidents <incidents@example.com>\n", ""));
    expect(errors(noFrom)).toEqual([expect.stringMatching(/^policies\/routing\.yaml:\d+:\d+ email channel `email` needs `from`: the sender address of its mail$/)]);
  });

  it("reads people's contact points and refuses a phone number that is not E.164", () => {
    expect(shippedPolicies().people["alice-example"]).toEqual({ login: "alice-example", name: "Alice Example", email: "alice@example.com", phone: "+15555550100" });
    const r = compileWithEdit("policies/teams.yaml", (t) => t.replace('phone: "+15555550100"', 'phone: "555-0100"'));
    expect(errors(r)).toEqual([expect.stringContaining("people.alice-example.phone")]);
  });

  it("rejects a classification that disagrees with a monitoring rule's severity", () => {
    const r = compileWithEdit("policies/classification.yaml", (t) => t.replace("    severity: P0\n    service: api", "    severity: P1\n    service: api"));
    expect(errors(r)).toEqual([expect.stringMatching(/monitoring\.yaml:\d+:\d+ monitoring rule ServiceDown is P0 in monitoring\.yaml but classification\.yaml gives it P1/)]);
  });

  it("rejects unknown keys and bad values through the schema", () => {
    const r = compileWithEdit("policies/correlation.yaml", (t) => t.replace("window: 300s #", "windw: 300s #").replace("spread_rate_above: 0.8", "spread_rate_above: 8"));
    expect(errors(r).length).toBeGreaterThanOrEqual(2);
    expect(errors(r).join("\n")).toMatch(/windw/);
  });
});

import { describe, expect, it } from "vitest";
import { parsePolicyYaml } from "../../config/document.js";
import { convertAlertmanager } from "./convert.js";
import { importedFiles } from "./write.js";

const convert = (text: string, taken: string[] = []) => {
  const { doc } = parsePolicyYaml("am.yml", text);
  if (!doc) throw new Error("does not parse");
  return convertAlertmanager(doc, new Set(taken));
};
const notes = (r: ReturnType<typeof convert>) => r.notes.map((n) => `${n.line}:${n.column} ${n.level}: ${n.message}`);

const CONFIG = `route:
  receiver: Team Ops
  group_by: ['...']
  routes:
    - receiver: db
      matchers: ['instance=~"db\\d+\\.prod\\..+"', 'job!="x"']
      match: { env: prod }
      match_re: { tier: 'gold|silver' }
      continue: true
      group_wait: 10s
    - receiver: db
      mute_time_intervals: [nights]
receivers:
  - name: Team Ops
    slack_configs: [{ api_url: 'http://x', channel: '#ops' }]
    email_configs: [{ to: 'a@b' }]
  - name: db
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_match: { severity: warning }
    equal: [cluster]
time_intervals:
  - name: nights
    time_intervals: [{ times: [{ start_time: '00:00', end_time: '06:00' }] }]
templates: ['/etc/am/*.tmpl']
`;

describe("convertAlertmanager", () => {
  it("carries the route tree over verbatim: matchers, legacy keys, continue, group_by, intervals", () => {
    const r = convert(CONFIG);
    expect(r.route).toEqual({
      name: "root",
      channels: ["team-ops"],
      group_by: ["..."],
      routes: [
        { name: "db", channels: ["db"], matchers: ['instance=~"db\\d+\\.prod\\..+"', 'job!="x"'], match: { env: "prod" }, match_re: { tier: "gold|silver" }, continue: true },
        { name: "db-2", channels: ["db"], mute_time_intervals: ["nights"] },
      ],
    });
    expect(r.receiverChannels).toEqual({ "Team Ops": "team-ops", db: "db" });
    expect(r.inhibitRules).toEqual([{ source_matchers: ['severity="critical"'], target_match: { severity: "warning" }, equal: ["cluster"] }]);
    expect(r.timeIntervals).toEqual([{ name: "nights", time_intervals: [{ times: [{ start_time: "00:00", end_time: "06:00" }] }] }]);
  });

  it("reports what it cannot carry over at the line and column of the Alertmanager file", () => {
    expect(notes(convert(CONFIG))).toEqual([
      expect.stringMatching(/^10:7 warning: `group_wait` is not carried over/),
      expect.stringMatching(/^15:5 warning: receiver "Team Ops" → channel `team-ops` \(slack\)/),
      expect.stringMatching(/^16:5 warning: receiver "Team Ops": only its first integration \(slack_configs\) becomes channel `team-ops`; email_configs \(1\) is dropped/),
      expect.stringMatching(/^17:5 warning: receiver "db" has no integrations/),
      expect.stringMatching(/^25:1 warning: `templates` are not carried over/),
    ]);
  });

  it("reports what Alertmanager would refuse as errors", () => {
    const r = convert(`route:
  receiver: a
  matchers: [x="y"]
  routes:
    - receiver: nobody
      matchers: ['a=~"(unclosed"']
      active_time_intervals: [never-defined]
receivers: [{ name: a }]
`);
    expect(notes(r).filter((n) => n.includes("error"))).toEqual([
      expect.stringMatching(/^3:3 error: the root route must not have matchers/),
      expect.stringMatching(/^5:17 error: undefined receiver "nobody"/),
      expect.stringMatching(/^6:18 error: matcher .* does not parse: invalid regular expression/),
      expect.stringMatching(/^7:31 error: undefined time interval "never-defined"/),
    ]);
  });

  it("never overwrites a channel the policies already define", () => {
    const r = convert("route: { receiver: pagerduty }\nreceivers: [{ name: pagerduty, pagerduty_configs: [{ routing_key: k }] }]\n", ["pagerduty"]);
    expect(r.receiverChannels).toEqual({ pagerduty: "pagerduty-2" });
  });

  it("writes inhibition.yaml and time-intervals.yaml only when there is something to write", () => {
    expect(Object.keys(importedFiles(convert(CONFIG), null, "am.yml"))).toEqual(["routing.yaml", "inhibition.yaml", "time-intervals.yaml"]);
    expect(Object.keys(importedFiles(convert("route: { receiver: a }\nreceivers: [{ name: a }]\n"), null, "am.yml"))).toEqual(["routing.yaml"]);
  });
  it("carries an email receiver's addresses over: its own from, else global.smtp_from; to split on commas", () => {
    const text = (global: string, from: string) => `${global}route: { receiver: mail }\nreceivers:\n  - name: mail\n    email_configs: [{ to: 'a@example.com, b@example.com'${from} }]\n`;
    const own = convert(text("global: { smtp_from: g@example.com }\n", ", from: own@example.com"));
    expect(own.channels[0]?.channel).toMatchObject({ type: "email", from: "own@example.com", to: ["a@example.com", "b@example.com"] });
    const global = convert(text("global: { smtp_from: g@example.com }\n", ""));
    expect(global.channels[0]?.channel.from).toBe("g@example.com");
    const none = convert(text("", ""));
    expect(none.channels[0]?.channel.from).toBeUndefined();
    const error = none.notes.find((n) => n.level === "error");
    expect(error?.line).toBe(4);
    expect(error?.message).toMatch(/receiver "mail": its email_config has no `from` and `global.smtp_from` is not set/);
  });
});

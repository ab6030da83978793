// `incident import pagerduty` against a PagerDuty schedule written from PagerDuty's documented
// semantics (reference.ts): hour by hour for 8 weeks across the March DST change, whoever
// PagerDuty's final schedule shows is who `incident oncall` shows for the imported rotation.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicyDir } from "../../src/config/index.js";
import type { Policies } from "../../src/config/types.js";
import { runImportPagerDuty } from "../../src/cli/import-pagerduty.js";
import { runOncall } from "../../src/cli/oncall.js";
import { repoRoot } from "../engine/fixtures.js";
import { renderFinal, type RawLayer, type RawOverride } from "./reference.js";

const FIXTURES = join(repoRoot, "test/pagerduty/fixtures");
const SCHEDULE = join(FIXTURES, "schedule.json");
const POLICY = join(FIXTURES, "escalation_policy.json");
const USERS = join(FIXTURES, "users.yaml");
const LOGIN: Record<string, string> = { PADA001: "ada-gh", PGRC002: "grace-gh", PLIN003: "linus-gh", PMAR004: "margaret-gh", PKEN005: "ken-gh", PBAR006: "barbara-gh" };
const HOUR = 3_600_000;

interface Fixture {
  schedule: { time_zone: string; schedule_layers: RawLayer[]; overrides_subschedule: { rendered_schedule_entries: RawOverride[] }; final_schedule: { rendered_schedule_entries: { start: string; end: string; user: { id: string } }[] } };
}
const fixture = JSON.parse(readFileSync(SCHEDULE, "utf8")) as Fixture;
const entries = fixture.schedule.final_schedule.rendered_schedule_entries;

let root = "";
const out = () => join(root, "policies");
async function run(schedule = SCHEDULE, policy: string | undefined = POLICY, users: string | undefined = USERS) {
  let text = "";
  let err = "";
  const io = { out: (t: string) => void (text += `${t}\n`), err: (t: string) => void (err += `${t}\n`) };
  const code = await runImportPagerDuty(schedule, policy, { out: out(), ...(users ? { users } : {}) }, { loadPolicies: (r, d) => loadPolicyDir(r, d) }, io);
  return { code, out: text, err };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "iac-pagerduty-"));
  cpSync(join(repoRoot, "policies"), out(), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the fixture", () => {
  it("is PagerDuty's final schedule as its documented semantics render it", () => {
    const since = Date.parse(entries[0]?.start ?? "");
    const until = Date.parse(entries.at(-1)?.end ?? "");
    expect(until - since).toBeGreaterThanOrEqual(8 * 7 * 24 * HOUR - HOUR); // 8 weeks, one of them an hour short (DST)
    const names = Object.fromEntries(entries.map((e) => [e.user.id, (e.user as { summary?: string }).summary ?? ""]));
    expect(renderFinal(fixture.schedule.schedule_layers, fixture.schedule.overrides_subschedule.rendered_schedule_entries, since, until, "America/New_York", names)).toEqual(entries);
  });
});

describe("incident import pagerduty", () => {
  it("refuses to write anything while a user has no GitHub login, and says which", async () => {
    const partial = join(root, "partial-users.yaml");
    writeFileSync(partial, "PADA001: ada-gh\n");
    const before = readFileSync(join(out(), "oncall/rotations.yaml"), "utf8");
    const { code, err } = await run(SCHEDULE, POLICY, partial);
    expect(code).toBe(1);
    expect(err).toContain('"PKEN005": github-login # Ken Thompson');
    expect(err).toContain("nothing was written");
    expect(readFileSync(join(out(), "oncall/rotations.yaml"), "utf8")).toBe(before);
  });

  it("imports the schedule and the escalation policy, and they validate", async () => {
    const before = readFileSync(join(out(), "oncall/rotations.yaml"), "utf8");
    const { code, out: text, err } = await run();
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(text).toContain("imported PagerDuty schedule Platform On-Call as rotation platform-on-call (America/New_York, 3 layer(s), 3 earlier schedule(s), 2 override(s)) and escalation policy platform");
    expect(text).toMatch(/agrees with PagerDuty's final schedule at (\d+) of \1 hourly and handoff checks \(2026-02-09T05:00:00\.000Z to 2026-04-06T04:00:00\.000Z\)/);
    expect(text).toContain("policies validates");
    // The shipped rotations are untouched: the import only added its entry.
    expect(readFileSync(join(out(), "oncall/rotations.yaml"), "utf8").startsWith(before.trimEnd())).toBe(true);
  });

  it("puts whoever PagerDuty's final schedule shows on call, hour by hour for 8 weeks across DST", async () => {
    const { policies } = await loadPolicyDir(root, "policies");
    expect(policies).not.toBeNull();
    const at = (t: number): string | null => {
      let json = "";
      runOncall({ now: t, at: new Date(t).toISOString(), rotation: "platform-on-call", json: true }, policies as Policies, { out: (s) => void (json += s), err: () => undefined });
      return (JSON.parse(json) as { rotations: Record<string, { primary: string | null }> }).rotations["platform-on-call"]?.primary ?? null;
    };
    const since = Date.parse(entries[0]?.start ?? "");
    const until = Date.parse(entries.at(-1)?.end ?? "");
    const wrong: string[] = [];
    let hours = 0;
    for (let t = since; t < until; t += HOUR, hours++) {
      const entry = entries.find((e) => Date.parse(e.start) <= t && t < Date.parse(e.end));
      const want = entry ? (LOGIN[entry.user.id] ?? null) : null;
      const got = at(t);
      if (want !== got) wrong.push(`${new Date(t).toISOString()}: PagerDuty ${want ?? "nobody"}, incident oncall ${got ?? "nobody"}`);
    }
    expect(hours).toBe(8 * 7 * 24 - 1);
    expect(wrong).toEqual([]);
  });

  it("writes the escalation policy with PagerDuty's timing", async () => {
    const { policies } = await loadPolicyDir(root, "policies");
    const p = policies?.escalation.policies["platform"];
    expect(p?.steps.map((s) => [s.delay / 60_000, s.targets.map((t) => `${t.kind}:${t.id}`)])).toEqual([
      [0, ["rotation:platform-on-call"]],
      [15, ["person:margaret-gh", "rotation:platform-on-call"]],
    ]);
    expect([p?.repeat, (p?.repeatAfter ?? 0) / 60_000]).toEqual([2, 30]);
  });

  it("takes layers listed lowest first (POST order) and says so, and replaces its own entry on a second import", async () => {
    const reversed = join(root, "reversed.json");
    const json = JSON.parse(readFileSync(SCHEDULE, "utf8")) as Fixture;
    json.schedule.schedule_layers.reverse();
    writeFileSync(reversed, JSON.stringify(json));
    const { code, out: text } = await run(reversed, undefined);
    expect(code).toBe(0);
    expect(text).toContain("the layers are listed lowest priority first");
    const rotations = parse(readFileSync(join(out(), "oncall/rotations.yaml"), "utf8")) as { rotations: Record<string, unknown> };
    expect(Object.keys(rotations.rotations).filter((k) => k === "platform-on-call")).toHaveLength(1);
  });

  it("exits 2 on what it cannot read, naming the place", async () => {
    const bad = join(root, "bad.json");
    writeFileSync(bad, JSON.stringify({ schedule: { name: "x", time_zone: "UTC", schedule_layers: [{ start: "2026-01-01T00:00:00Z" }] } }));
    const r = await run(bad, undefined);
    expect(r.code).toBe(2);
    expect(r.err).toContain("$.schedule_layers[0].rotation_virtual_start: expected a non-empty string");
    writeFileSync(bad, "{ not json");
    expect((await run(bad, undefined)).code).toBe(2);
    writeFileSync(bad, JSON.stringify({ incidents: [] }));
    expect((await run(bad, undefined)).err).toContain("this is not a PagerDuty schedule");
    expect(existsSync(join(out(), "oncall/rotations.yaml"))).toBe(true);
  });
});

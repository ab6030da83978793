// `incident replay` over a real git history: main holds the policies and a month of incident
// records; a branch moves the database route to another team. The replay of the base and head
// policies lists every past database alert whose handling changes, and the on-call differences.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReplay } from "../../src/cli/replay.js";
import { serializeRecord } from "../../src/incident/codec.js";
import { recordPath } from "../../src/incident/paths.js";
import type { ReplayReport } from "../../src/replay/types.js";
import { repoRoot } from "../engine/fixtures.js";
import { ALL_ALERTS, DATABASE_ALERTS, moveDatabaseRoute, replayRecords } from "./fixture.js";

let dir = "";
const git = (...args: string[]): string => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
const AT = Date.parse("2026-03-04T18:00:00Z");

async function replay(flags: Partial<Parameters<typeof runReplay>[0]>) {
  let out = "";
  let err = "";
  const io = { out: (t: string) => void (out += `${t}\n`), err: (t: string) => void (err += `${t}\n`) };
  const code = await runReplay({ base: "main", dir, ...flags }, io, AT);
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "iac-replay-"));
  cpSync(join(repoRoot, "policies"), join(dir, "policies"), { recursive: true });
  mkdirSync(join(dir, "incidents"));
  for (const r of replayRecords()) writeFileSync(join(dir, recordPath(r.id)), serializeRecord(r));
  git("init", "--quiet", "--initial-branch=main");
  git("add", ".");
  git("commit", "--quiet", "-m", "policies and a month of incidents");
  git("checkout", "--quiet", "-b", "move-database");
  const paths = { routing: join(dir, "policies/routing.yaml"), rotations: join(dir, "policies/oncall/rotations.yaml") };
  const moved = moveDatabaseRoute({ routing: readFileSync(paths.routing, "utf8"), rotations: readFileSync(paths.rotations, "utf8") });
  writeFileSync(paths.routing, moved.routing);
  writeFileSync(paths.rotations, moved.rotations);
  git("commit", "--quiet", "-am", "database alerts go to SRE");
  git("checkout", "--quiet", "main");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("incident replay --base REF --head REF", () => {
  it("lists every past database alert whose team, rotation and pages change, and nothing else", async () => {
    const { code, out } = await replay({ head: "move-database", json: true });
    expect(code).toBe(0);
    const report = JSON.parse(out) as ReplayReport;
    expect(report.replayed).toBe(ALL_ALERTS);
    expect(report.counts.team).toBe(DATABASE_ALERTS);
    expect(report.counts.rotation).toBe(DATABASE_ALERTS);
    expect(report.counts.severity).toBe(0);
    expect(report.counts.route).toBe(0); // the route keeps its name; where it leads changes
    expect(report.differences.map((d) => d.alert.alert.labels["service"])).toEqual(Array(DATABASE_ALERTS).fill("database"));
    expect(report.differences.every((d) => d.base.team === "data" && d.head.team === "sre" && d.head.rotation === "sre-oncall")).toBe(true);
    // Whoever was paged came from the database rotation, and now comes from the SRE one (an alert
    // that joined its incident paged nobody, then and now).
    for (const d of report.differences) {
      expect(d.base.paged.every((l) => ["dana-example", "alice-example"].includes(l))).toBe(true);
      expect(d.head.paged.every((l) => ["heidi-example", "charlie-example"].includes(l))).toBe(true);
    }
    expect(report.differences.filter((d) => d.base.paged.length > 0)).toHaveLength(DATABASE_ALERTS - 1);
    expect(report.incidents).toEqual({ base: 7, head: 7 });
  });

  it("prints the comment: summary, first differences linking incidents, on-call differences", async () => {
    const { code, out, err } = await replay({ head: "move-database", repo: "acme/ops" });
    expect(code).toBe(0);
    expect(out).toMatch(/^### Policy replay: main \\\([0-9a-f]{7}\\\) → move-database \\\([0-9a-f]{7}\\\)$/m);
    expect(out).toContain(`**${DATABASE_ALERTS} of ${ALL_ALERTS} past alerts would be handled differently; on-call differs in 1 rotation.**`);
    expect(out).toContain(`| team | ${DATABASE_ALERTS} |`);
    expect(out).toMatch(/\| 2026-02-02 09:01Z \| ReplicationLag \(database\) \| \[2026-02-02-001\]\(https:\/\/github\.com\/acme\/ops\/issues\/100\) \| team data → sre · rotation database-oncall → sre-oncall · paged (dana|alice)-example → (heidi|charlie)-example \|/);
    expect(out).toContain("| sre-oncall | 2026-03-04 19:00 | 2026-03-09 09:00 | Europe/Berlin | no such rotation | heidi-example / charlie-example |");
    expect(out).toContain("| sre-oncall | 2026-03-09 09:00 | 2026-03-16 09:00 | Europe/Berlin | no such rotation | charlie-example / heidi-example |");
    // Label text cannot forge our marker or mention anyone.
    expect(out).not.toContain("<!-- incident-as-code");
    expect(out).not.toMatch(/(^|[^\u200B])@everyone/);
    expect(err).toContain("on-call differs in 1 rotation");
  });

  it("replays the working tree against a ref, and records read at another ref", async () => {
    const same = await replay({ json: true });
    expect((JSON.parse(same.out) as ReplayReport).changedAlerts).toBe(0);
    const moved = await replay({ base: "main", head: "move-database", records: "main", json: true, limit: "3" });
    const report = JSON.parse(moved.out) as ReplayReport;
    expect([report.replayed, report.notReplayed]).toEqual([3, ALL_ALERTS - 3]);
  });

  it("exits 2 for a ref that does not exist, and 1 when the head's policies do not load", async () => {
    expect((await replay({ base: "nope" })).code).toBe(2);
    writeFileSync(join(dir, "policies/routing.yaml"), "route: [");
    const broken = await replay({});
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/the head policies \(the working tree\) do not load/);
    git("checkout", "--quiet", "--", "policies/routing.yaml");
  });
});

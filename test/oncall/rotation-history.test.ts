// `incident validate` against real git history: the "add a member" change is refused mid-shift,
// --fix makes it take effect at the next handoff (and then nobody's current shift changes), and
// committed changes are judged as of when they were committed.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicyDir } from "../../src/config/index.js";
import { validateWithHistory } from "../../src/cli/validate.js";
import { runOncall } from "../../src/cli/oncall.js";
import { repoRoot } from "../engine/fixtures.js";

let dir = "";
const git = (date: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
const file = () => join(dir, "policies/oncall/rotations.yaml");
const OLD = "members: [alice-example, bob-example, frank-example]";
const NEW = "members: [alice-example, bob-example, frank-example, gina-example]";
const WEDNESDAY = Date.parse("2026-03-04T18:00:00Z");

async function validate(now: number, extra: { against?: string; fix?: boolean } = {}) {
  let out = "";
  let err = "";
  const io = { out: (t: string) => void (out += `${t}\n`), err: (t: string) => void (err += `${t}\n`) };
  const code = await validateWithHistory({ dir, json: false, fix: extra.fix ?? false, ...(extra.against ? { against: extra.against } : {}) }, (d) => loadPolicyDir(d, "policies", { now }), io, now);
  return { code, out, err };
}

async function primaryAt(at: string): Promise<string | null> {
  const { policies } = await loadPolicyDir(dir);
  let out = "";
  runOncall({ now: at, at, json: true, rotation: "api-oncall" }, policies!, { out: (t) => void (out += t), err: () => undefined });
  return (JSON.parse(out) as { rotations: Record<string, { primary: string | null }> }).rotations["api-oncall"]?.primary ?? null;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "iac-rotation-history-"));
  cpSync(join(repoRoot, "policies"), join(dir, "policies"), { recursive: true });
  git("2026-02-01T12:00:00Z", "init", "--quiet", "--initial-branch=main");
  git("2026-02-01T12:00:00Z", "add", "policies");
  git("2026-02-01T12:00:00Z", "commit", "--quiet", "-m", "policies");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("incident validate: rotations that cannot rewrite the past", () => {
  it("refuses adding a member to api-oncall in the middle of a shift", async () => {
    expect(readFileSync(file(), "utf8")).toContain(OLD);
    writeFileSync(file(), readFileSync(file(), "utf8").replace(OLD, NEW));
    expect(await primaryAt("2026-03-04T18:00:00Z")).toBe("alice-example"); // frank's week, rewritten
    const { code, out, err } = await validate(WEDNESDAY);
    expect(code).toBe(1);
    expect(out).toMatch(/^policies\/oncall\/rotations\.yaml:\d+:\d+: rotation `api-oncall`: this change rewrites a shift that had already started \(compared with HEAD\): at 2026-01-19 09:00 America\/Los_Angeles the secondary would be gina-example instead of alice-example\./m);
    expect(out).toContain('set effective_from: "2026-03-09T09:00:00-07:00"');
    expect(err).toContain("rotation history compared with HEAD at 2026-03-04T18:00:00.000Z");
  });

  it("--fix makes it take effect at the next handoff; then it changes nobody's current shift", async () => {
    const edited = readFileSync(file(), "utf8");
    const { code, err } = await validate(WEDNESDAY, { fix: true });
    expect(err).toContain("deferred to the next handoff: api-oncall from 2026-03-09T09:00:00-07:00");
    expect(code).toBe(0);
    const fixed = readFileSync(file(), "utf8");
    // Only the rotation's effective_from and a history block changed; every other byte is kept.
    const count = (text: string) => text.split("\n").reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
    const [was, now] = [count(edited), count(fixed)];
    expect([...was].filter(([l, n]) => (now.get(l) ?? 0) < n).map(([l]) => l)).toEqual(['    effective_from: "2026-01-05T09:00:00-08:00"']);
    expect(fixed).toContain('    effective_from: "2026-03-09T09:00:00-07:00"');
    expect(fixed).toContain([
      "    history:",
      '      - effective_from: "2026-01-05T09:00:00-08:00"',
      "        layers:",
      "          - name: weekly",
      "            members: [alice-example, bob-example, frank-example]",
      "            shift: 1w",
      '            handoff: { day: monday, time: "09:00" }',
    ].join("\n"));
    expect(await primaryAt("2026-03-04T18:00:00Z")).toBe("frank-example");
    expect(await primaryAt("2026-03-09T08:59:00-07:00")).toBe("frank-example");
    expect(await primaryAt("2026-02-10T12:00:00-08:00")).toBe("frank-example");
    expect(await primaryAt("2026-03-09T09:00:00-07:00")).toBe("alice-example");
    expect(await primaryAt("2026-03-30T09:00:00-07:00")).toBe("gina-example");
  });

  it("judges a committed change as of when it was committed", async () => {
    git("2026-03-04T18:05:00Z", "commit", "--quiet", "-am", "api-oncall: add gina from the next handoff");
    const later = Date.parse("2026-03-20T12:00:00Z");
    const clean = await validate(later);
    expect(clean.code).toBe(0);
    expect(clean.err).toMatch(/rotation history compared with the version before [0-9a-f]{12}, as of when that commit was made at 2026-03-04T18:05:00\.000Z/);
    // A second change committed mid-shift without the fix is refused even when validated later.
    writeFileSync(file(), readFileSync(file(), "utf8").replace("members: [alice-example, bob-example, frank-example, gina-example]", "members: [gina-example, alice-example, bob-example, frank-example]"));
    git("2026-03-25T12:00:00Z", "commit", "--quiet", "-am", "api-oncall: gina first");
    const refused = await validate(Date.parse("2026-04-20T12:00:00Z"));
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/rotation `api-oncall`: this change rewrites a shift that had already started \(compared with the version before [0-9a-f]{12}/);
    // Compared with an explicit base at the time given, as a pull request's check does.
    expect((await validate(Date.parse("2026-03-25T12:00:00Z"), { against: "HEAD~1" })).code).toBe(1);
  });

  it("exits 2 when --against names no commit", async () => {
    const { code, err } = await validate(WEDNESDAY, { against: "no-such-branch" });
    expect(code).toBe(2);
    expect(err).toContain("no-such-branch is not a commit in the repository");
  });
});

import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { readPolicyFiles } from "../config/read.js";
import { compileOncall } from "../oncall/testing.js";
import { type OncallOptions, registerOncall, runOncall } from "./oncall.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const compiled = compileOncall((await readPolicyFiles(repoRoot)).files);
const policies = compiled.policies;
if (!policies) throw new Error("shipped policies do not compile");

function run(opts: OncallOptions): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runOncall({ now: "2026-03-05T18:00:00Z", ...opts }, policies!, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("incident oncall", () => {
  it("answers --json for every rotation and the commander role", () => {
    const { code, out } = run({ json: true, at: "2026-03-02T10:00:00-08:00" });
    const parsed = JSON.parse(out) as { at: string; rotations: Record<string, { primary: string }>; commander: Record<string, { login: string }> };
    expect(code).toBe(0);
    expect(parsed.at).toBe("2026-03-02T18:00:00.000Z");
    expect(Object.fromEntries(Object.entries(parsed.rotations).map(([id, r]) => [id, r.primary]))).toEqual({
      "api-oncall": "frank-example",
      "auth-oncall": "erin-example",
      "database-oncall": "dana-example",
      "incident-commanders": "alice-example",
      "web-oncall": "bob-example",
    });
    expect(Object.fromEntries(Object.entries(parsed.commander).map(([k, a]) => [k, a.login]))).toEqual({
      "P1-P3": "alice-example",
      P0: "alice-example",
      security: "erin-example",
    });
  });

  it("prints one rotation with reasons; a time without offset is read as UTC", () => {
    expect(run({ rotation: "incident-commanders", at: "2026-03-07T18:00" })).toEqual({
      code: 0,
      err: "",
      out: [
        "On call at 2026-03-07T10:00:00-08:00",
        "",
        "incident-commanders (Incident commanders, America/Los_Angeles)",
        "  primary:   charlie-example",
        "  secondary: nobody",
        '  why:       layer "commanders" shift from 2026-03-02 09:00 America/Los_Angeles: charlie-example',
        "",
      ].join("\n"),
    });
  });

  it.each([
    [{ at: "next tuesday" }, '--at "next tuesday" is not a date-time: use ISO 8601, e.g. 2026-03-02T10:00:00-08:00 (without an offset it is read as UTC)'],
    [{ rotation: "api-primary" }, 'no rotation "api-primary" (rotations: api-oncall, auth-oncall, database-oncall, incident-commanders, web-oncall)'],
    [{ ics: "api-oncall", weeks: "0" }, '--weeks "0" must be a whole number of weeks from 1 to 104'],
  ])("refuses %j with exit 2", (opts, message) => {
    expect(run(opts)).toEqual({ code: 2, out: "", err: message });
  });

  it("writes an iCalendar feed with --ics", () => {
    const { code, out } = run({ ics: "api-oncall", weeks: "2", at: "2026-03-02T09:00:00-08:00" });
    expect(code).toBe(0);
    expect(out.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("is registered as a commander subcommand that loads policies through deps", async () => {
    let out = "";
    const program = new Command("incident").exitOverride();
    registerOncall(program, {
      loadPolicies: (dir) => Promise.resolve(dir === "repo" ? { policies, issues: [] } : { policies: null, issues: [] }),
      now: () => new Date("2026-03-05T18:00:00Z"),
      io: { out: (t) => (out += t), err: () => undefined },
    });
    await program.parseAsync(["oncall", "--dir", "repo", "--rotation", "web-oncall", "--json"], { from: "user" });
    expect(JSON.parse(out)).toMatchObject({ rotations: { "web-oncall": { primary: "bob-example", secondary: "grace-example" } } });
    process.exitCode = 0;
  });
});

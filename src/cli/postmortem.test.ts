import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { generatePostmortem } from "../postmortem/generate.js";
import { EMPTY_HISTORY, filledPostmortem, NOW, policies, resolvedP1 } from "../postmortem/testing.js";
import { registerPostmortem, runPostmortem, type PostmortemInputs, type PostmortemOptions } from "./postmortem.js";

const loaded = { policies, issues: [] };

function run(opts: PostmortemOptions, inputs: Partial<PostmortemInputs> = {}): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runPostmortem(opts, { policies: loaded, now: "2030-01-01T00:00:00Z", ...inputs }, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("incident postmortem ID", () => {
  it("prints the file the Action would open, as of --at", () => {
    const record = resolvedP1();
    const result = run({ command: "render", id: record.id, at: NOW }, { records: [record] });
    expect(result).toEqual({ code: 0, out: generatePostmortem(record, policies, { now: NOW, history: EMPTY_HISTORY }).content, err: "# postmortems/2026-11-27-001-api-high-error-rate.md" });
  });

  it("defaults to the incident's resolution time, not the clock", () => {
    const record = resolvedP1();
    expect(run({ command: "render", id: record.id }, { records: [record] }).out).toContain("| Add monitoring for this failure mode | SRE Team | 2026-12-04 | High |");
  });

  it("exits 2 on an unknown incident", () => {
    expect(run({ command: "render", id: "2026-01-01-001" }, { records: [resolvedP1()] })).toEqual({ code: 2, out: "", err: "no incident 2026-01-01-001 in incidents/ (latest: 2026-11-27-001)" });
  });

  it("refuses a bad --at with a usage error (exit 2 from the front door)", () => {
    expect(() => run({ command: "render", id: "2026-11-27-001", at: "yesterday" }, { records: [resolvedP1()] })).toThrow(/^--at "yesterday" is not a date-time: use ISO 8601/);
  });

  it("exits 1 (problems found) on policies that do not load", () => {
    const inputs: Partial<PostmortemInputs> = { policies: { policies: null, issues: [{ level: "error", file: "policies/postmortem.yaml", line: 3, column: 1, message: "bad" }] } };
    expect(run({ command: "lint", file: "x.md" } satisfies PostmortemOptions, inputs)).toEqual({ code: 1, out: "", err: "policies do not load (fix them with incident validate):\npolicies/postmortem.yaml:3:1: error: bad" });
  });
});

describe("incident postmortem lint FILE", () => {
  it("prints FILE:line: message per problem and exits 1", () => {
    const text = filledPostmortem().replace("severity: P1", "severity: P9").replace(/## What Went Well\n/, "## What went well?\n");
    const { code, out } = run({ command: "lint", file: "postmortems/a.md" }, { text });
    expect(code).toBe(1);
    expect(out.split("\n")).toEqual([
      'postmortems/a.md:4: front matter: `severity` must be one of P0, P1, P2, P3, got "P9"',
      expect.stringMatching(/^postmortems\/a\.md:\d+: required section "What Went Well" is missing \(it belongs before "What Went Wrong"\)$/),
    ]);
  });

  it("exits 0 on a complete post-mortem", () => {
    expect(run({ command: "lint", file: "a.md" }, { text: filledPostmortem() })).toEqual({ code: 0, out: "a.md: ok", err: "" });
  });

  it("is wired as `incident postmortem lint FILE` with injected readers", async () => {
    const out: string[] = [];
    const program = new Command("incident").exitOverride();
    registerPostmortem(program, {
      loadPolicies: () => Promise.resolve(loaded),
      loadRecords: () => Promise.resolve([resolvedP1()]),
      readFile: (path) => Promise.resolve(path === "pm.md" ? filledPostmortem() : ""),
      io: { out: (t) => out.push(t), err: () => undefined },
    });
    await program.parseAsync(["postmortem", "lint", "pm.md"], { from: "user" });
    expect(out).toEqual(["pm.md: ok"]);
    await program.parseAsync(["postmortem", "2026-11-27-001", "--at", NOW], { from: "user" });
    expect(out[1]).toMatch(/^---\nincident_id: 2026-11-27-001\n/);
    process.exitCode = undefined;
  });
});

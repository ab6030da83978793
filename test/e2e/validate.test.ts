// The Action's `command: validate`: policy problems as annotations on the file and line, a job
// summary table, and a failed step; broken policies never make an alert disappear.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dispatchEvent, example, world, type World } from "./harness.js";

let w: World | undefined;
afterEach(async () => {
  expect(w?.gh.violations ?? []).toEqual([]);
  await w?.close();
});

const breakTeams = (seed: string) => {
  const file = join(seed, "policies/teams.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace("    lead: dana-example", "    laed: dana-example"));
};

describe("policy validation in the Action", () => {
  it("annotates each problem on its file and line and fails the step", async () => {
    w = await world({}, breakTeams);
    const run = await w.act("pull_request", { action: "opened" }, { inputs: { command: "validate" } });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/::error title=incident-as-code policy,file=policies\/teams\.yaml,line=\d+,col=5::unknown key `laed`/);
    expect(run.summary).toContain("<td>policies/teams.yaml:");
    expect(run.outputs.decision).toBe("policies-invalid");
  });

  it("passes on the shipped policies, and runs incident doctor with the workflow's token", async () => {
    w = await world();
    const run = await w.act("pull_request", { action: "opened" }, { inputs: { command: "validate" } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe("policies-valid");
    // The doctor's findings are in the summary and as warnings; they do not fail the step.
    expect(run.summary).toContain("Set-up (incident doctor)");
    expect(w.gh.state.label("incident:declared")).toBeDefined();
    expect(run.stdout).toMatch(/warn pull-requests: cannot read the Actions pull-request setting with this token \(HTTP 403/);
    expect(run.stdout).toMatch(/::warning title=incident doctor%3A assignees::placeholder logins/);
  });

  it("warns about every rotation member GitHub would not assign (it has a token to ask)", async () => {
    w = await world({ users: { "alice-example": "admin", "bob-example": "write", "charlie-example": "write", "dana-example": "write", "erin-example": "write", "grace-example": "write", "heidi-example": "maintain" } });
    const run = await w.act("pull_request", { action: "opened" }, { inputs: { command: "validate" } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/::warning title=incident-as-code policy,file=policies\/oncall\/rotations\.yaml,line=\d+,col=\d+::frank-example is in a rotation but GitHub does not accept them as an assignee/);
    expect(w.gh.count({ route: "/repos/{owner}/{repo}/assignees/{assignee}" })).toBeGreaterThan(0);
  });

  it("keeps an alert that arrives while the policies are broken, and fails loudly", async () => {
    w = await world({}, breakTeams);
    const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
    expect(run.code).not.toBe(0);
    expect(Object.keys(w.remoteFiles("incidents/unprocessed/"))).toHaveLength(1);
    expect(run.summary).toContain("ServiceDown");
  });
});

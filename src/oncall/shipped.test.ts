// The shipped on-call policy: valid against the schemas, normalised and cross-checked with the
// rest of policies/, and the requirements' commanders on duty at the requirements' times.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readPolicyFiles } from "../config/read.js";
import { assignCommander } from "./commander.js";
import { compileOncall } from "./testing.js";
import { whoIsOnCall } from "./rotation.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const { files } = await readPolicyFiles(repoRoot);
const result = compileOncall(files);

describe("shipped on-call policies", () => {
  it("compile with no errors", () => {
    expect(result.issues.filter((i) => i.level === "error")).toEqual([]);
    expect(result.policies).not.toBeNull();
  });

  it("have no warnings in the on-call files", () => {
    const mine = /oncall\/|escalation\.yaml/;
    expect(result.issues.filter((i) => mine.test(i.file))).toEqual([]);
  });

  it.each([
    ["Monday 10:00", "2026-03-02T10:00:00-08:00", "alice-example"],
    ["Thursday 10:00", "2026-03-05T10:00:00-08:00", "bob-example"],
    ["Saturday 10:00", "2026-03-07T10:00:00-08:00", "charlie-example"],
    ["Tuesday 20:00 (after hours)", "2026-03-03T20:00:00-08:00", "charlie-example"],
    ["Monday 10:00 in summer", "2026-07-13T10:00:00-07:00", "alice-example"],
  ])("the commander on %s Pacific is %s", (_when, at, login) => {
    const p = result.policies;
    if (!p) throw new Error("policies did not compile");
    expect(assignCommander({ severity: "P2", type: null, service: "api" }, p, at).login).toBe(login);
    expect(whoIsOnCall(p.rotations["incident-commanders"]!, at).primary).toBe(login);
  });
});

import { describe, expect, it } from "vitest";
import { runTest } from "./test-cmd.js";
import { policyFiles, shippedPolicies } from "../../test/engine/fixtures.js";

const tests = () => Object.fromEntries(Object.entries(policyFiles("policies/tests")));
const capture = () => {
  const lines: string[] = [];
  return { lines, io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(`ERR ${t}`) } };
};

describe("incident test", () => {
  it("passes on the shipped cases", () => {
    const { lines, io } = capture();
    const code = runTest({ policies: { policies: shippedPolicies(), issues: [] }, files: tests(), onCall: null }, io);
    expect(lines.join("\n")).not.toMatch(/FAIL/);
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/^SUCCESS: \d+ case\(s\) passed$/);
  });

  it("prints a diff for a failing case", () => {
    const { lines, io } = capture();
    const files = { "policies/tests/x.yaml": "tests:\n  - name: wrong\n    at: 2026-03-02T10:00:00Z\n    alerts: [{ labels: { alertname: HighErrorRate, service: api } }]\n    expect:\n      - { action: open, severity: P0 }\n" };
    expect(runTest({ policies: { policies: shippedPolicies(), issues: [] }, files, onCall: null }, io)).toBe(1);
    expect(lines.join("\n")).toContain('FAIL wrong\n      decision 1 severity:\n      - expected: "P0"\n      + got:      "P1"');
  });

  it("rejects an invalid test file with positions", () => {
    const { lines, io } = capture();
    const files = { "policies/tests/bad.yaml": "tests:\n  - name: x\n    at: now\n    expect: []\n" };
    expect(runTest({ policies: { policies: shippedPolicies(), issues: [] }, files, onCall: null }, io)).toBe(1);
    expect(lines.join("\n")).toMatch(/invalid test file:\n\s+policies\/tests\/bad\.yaml:3:/);
  });

  it("exits 1 (problems found) when the policies do not load, 2 when there is no test to run", () => {
    const { io } = capture();
    expect(runTest({ policies: { policies: null, issues: [{ level: "error", file: "policies/routing.yaml", line: 3, column: 1, message: "bad" }] }, files: tests(), onCall: null }, io)).toBe(1);
    expect(runTest({ policies: { policies: shippedPolicies(), issues: [] }, files: {}, onCall: null }, io)).toBe(2);
  });

  it("--json: one object with every file and case", () => {
    const { lines, io } = capture();
    expect(runTest({ policies: { policies: shippedPolicies(), issues: [] }, files: tests(), onCall: null }, io, { json: true })).toBe(0);
    const report = JSON.parse(lines.join("\n")) as { ok: boolean; passed: number; files: { file: string; cases: { passed: boolean }[] }[] };
    expect(report.ok).toBe(true);
    expect(report.passed).toBe(report.files.flatMap((f) => f.cases).length);
  });
});

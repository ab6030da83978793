import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { INPUTS, OUTPUTS, readInputs, type InputName } from "./contract.js";

const action = parse(readFileSync("action.yml", "utf8")) as {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
};

describe("action.yml", () => {
  it("runs the bundled entry on node24", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
  });

  it("declares exactly the inputs of the typed registry, with the same descriptions and defaults", () => {
    const expected = Object.fromEntries(Object.entries(INPUTS).map(([k, v]) => [k, { description: v.description, default: v.default, required: false }]));
    expect(action.inputs).toEqual(expected);
  });

  it("declares exactly the outputs of the typed registry", () => {
    expect(action.outputs).toEqual(OUTPUTS);
  });
});

describe("readInputs", () => {
  const from = (values: Partial<Record<InputName, string>>) => (name: InputName) => values[name] ?? "";

  it("applies defaults", () => {
    expect(readInputs(from({ "github-token": "t" }))).toEqual({ githubToken: "t", appToken: null, policies: "policies", recordsBranch: null, dryRun: false, command: "" });
  });

  it.each([
    [{ "dry-run": "yes" }, "input dry-run must be true or false, got \"yes\""],
    [{ command: "deploy" }, "input command must be empty or validate, got \"deploy\""],
  ])("rejects %j", (values, message) => {
    expect(() => readInputs(from(values))).toThrow(message);
  });
});

// schemas/ is a public contract: every schema compiles strictly, every shipped policy file names
// its schema for editors, and each schema rejects something specific.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { registry } from "../src/config/registry.js";
import { SchemaChecker } from "../src/config/schema-check.js";

const schemaFiles = readdirSync("schemas").filter((f) => f.endsWith(".schema.json"));
/** Schemas of what we publish rather than read: the loader has no use for them (test/site checks them). */
const OUTPUT_SCHEMAS = ["status.schema.json"];

describe("schemas/", () => {
  it("registers every schema file it reads with the loader", () => {
    expect(Object.keys(registry.schemas).sort()).toEqual(schemaFiles.filter((f) => !OUTPUT_SCHEMAS.includes(f)).sort());
  });

  it.each(schemaFiles)("%s is draft 2020-12 with $id equal to its file name", (file) => {
    const schema = JSON.parse(readFileSync(`schemas/${file}`, "utf8")) as { $schema: string; $id: string };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(file);
  });

  it("compiles every schema in strict mode", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: false });
    for (const file of schemaFiles) ajv.addSchema(JSON.parse(readFileSync(`schemas/${file}`, "utf8")) as object, file);
    for (const file of schemaFiles) expect(() => ajv.getSchema(file)).not.toThrow();
  });

  const shipped = registry.kinds.flatMap((k) =>
    k.path.endsWith("/") ? (existsSync(`policies/${k.path}`) ? readdirSync(`policies/${k.path}`).filter((f) => /\.ya?ml$/.test(f)).map((f) => [`${k.path}${f}`, k.schema]) : []) : [[k.path, k.schema]],
  );
  it.each(shipped)("policies/%s points editors at schemas/%s", (path, schema) => {
    const first = readFileSync(`policies/${path}`, "utf8").split("\n")[0];
    const depth = path.split("/").length - 1;
    expect(first).toBe(`# yaml-language-server: $schema=${"../".repeat(depth + 1)}schemas/${schema}`);
  });

  it.each([
    ["severities.schema.json", { severities: { P0: {} } }, "`severities` is missing required key `P1`"],
    ["services.schema.json", { services: { API: { name: "x", team: "t", rotation: "r", owners: ["a"] } } }, "has a key that is not allowed: `API`"],
    ["teams.schema.json", { teams: { ops: { name: "Ops", members: ["not a login"] } } }, "`teams.ops.members[0]` does not have the expected form"],
    ["access.schema.json", { minimum_role: "owner" }, "`minimum_role` must be one of read, triage, write, maintain, admin"],
    ["metrics.schema.json", { success_metrics: { mtta: "5 minutes" } }, "`success_metrics.mtta` does not have the expected form"],
    ["inhibition.schema.json", { inhibit_rules: [{ equal: ["not-a-label"] }] }, "`inhibit_rules[0].equal[0]` does not have the expected form"],
    ["time-intervals.schema.json", { time_intervals: [{ name: "weekends" }] }, "`time_intervals[0]` is missing required key `time_intervals`"],
    ["routing.schema.json", { channels: {}, audiences: {}, by_severity: {}, route: { name: "root", group_by: ["a-b"] } }, "`route.group_by[0]` does not have the expected form"],
    ["maintenance.schema.json", { maintenance: [{ id: "db", title: "Upgrade", services: [], starts: "2026-12-05T02:00:00Z", ends: "2026-12-05T04:00:00Z" }] }, "`maintenance[0].services` must have at least 1 item"],
    ["silence.schema.json", { matchers: '{service="db"}', starts: "2026-03-02T09:00:00Z", owner: "dana", reason: "drill" }, "is missing required key `ends`"],
    ["review.schema.json", { silences: { max_duration: "a week" } }, "`silences.max_duration` does not have the expected form"],
    ["communication.schema.json", { templates: {}, status_page: { enabled: true, triggers: [], components: {}, component_status: { P0: "outage" } } }, "`status_page.component_status.P0` must be one of"],
  ])("%s rejects a specific mistake", (schema, value, message) => {
    const checker = new SchemaChecker(registry.schemas);
    const doc = { file: "x.yaml", value, at: () => ({ file: "x.yaml", line: 1, column: 1 }), keyAt: () => ({ file: "x.yaml", line: 1, column: 1 }) };
    expect(checker.check(schema, doc).map((i) => i.message)).toContainEqual(expect.stringContaining(message));
  });
});

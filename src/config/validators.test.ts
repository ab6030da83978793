import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VALIDATORS_FILE, VALIDATORS_TYPES_FILE, validatorsSource, validatorsTypes } from "../../scripts/validators.mjs";
import { registry } from "./registry.js";
import { SchemaChecker } from "./schema-check.js";
import { validators } from "./validators.generated.js";

describe("the generated schema validators", () => {
  it("are those of the schemas in schemas/ now (else `npm run build`)", () => {
    expect(readFileSync(VALIDATORS_FILE, "utf8") === validatorsSource(), `${VALIDATORS_FILE} is stale: run npm run build`).toBe(true);
    expect(readFileSync(VALIDATORS_TYPES_FILE, "utf8")).toBe(validatorsTypes);
  });

  it("cover every schema the program registers", () => {
    expect(Object.keys(registry.schemas).filter((name) => !(name in validators))).toEqual([]);
  });

  it("refuse a schema that was not generated, naming it", () => {
    expect(() => new SchemaChecker({ "new.schema.json": {} })).toThrow(/no generated validator for new\.schema\.json: run `npm run build`/);
  });

  it("report every error with its data and parent schema, as the messages need", () => {
    const checker = new SchemaChecker(registry.schemas);
    const validate = checker.validator("severities.schema.json");
    expect(validate({ levels: 3, extra: true })).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(1); // allErrors
    expect(validate.errors?.[0]).toHaveProperty("parentSchema"); // verbose
    expect(validate.errors?.[0]).toHaveProperty("data");
  });
});

// The one schema checker of the program: a single Ajv instance holding every shipped schema (policy
// files, incident records, post-mortem front matter, policy tests). Schemas compile on first use,
// so a run that only reads records compiles only the record schema.
import { registry } from "./registry.js";
import { SchemaChecker } from "./schema-check.js";

let shared: SchemaChecker | undefined;

export function schemaChecker(): SchemaChecker {
  return (shared ??= new SchemaChecker(registry.schemas));
}

// The on-call JSON Schemas, embedded like the core ones (keys are file names and $ids).
import commanders from "../../schemas/commanders.schema.json" with { type: "json" };
import escalation from "../../schemas/escalation.schema.json" with { type: "json" };
import rotations from "../../schemas/rotations.schema.json" with { type: "json" };
import type { SchemaSet } from "../config/schema-check.js";

export const oncallSchemas: SchemaSet = {
  "rotations.schema.json": rotations,
  "commanders.schema.json": commanders,
  "escalation.schema.json": escalation,
};

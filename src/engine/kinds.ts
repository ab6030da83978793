// The engine's policy files for the loader's registry: kinds, cross-reference checks and their
// JSON Schemas (embedded, keyed by file name = $id, so the bundle needs no schemas/ folder).
import type { AnyPolicyFileKind } from "../config/kinds.js";
import type { SchemaSet } from "../config/schema-check.js";
import classificationSchema from "../../schemas/classification.schema.json" with { type: "json" };
import correlationSchema from "../../schemas/correlation.schema.json" with { type: "json" };
import routingSchema from "../../schemas/routing.schema.json" with { type: "json" };
import policyTestSchema from "../../schemas/policy-test.schema.json" with { type: "json" };
import alertSchema from "../../schemas/alert.schema.json" with { type: "json" };
import { classificationKind } from "./kind-classification.js";
import { correlationKind } from "./kind-correlation.js";
import { routingKind } from "./kind-routing.js";
import { inhibitionKind, timeIntervalsKind } from "./kind-suppression.js";
import inhibitionSchema from "../../schemas/inhibition.schema.json" with { type: "json" };
import timeIntervalsSchema from "../../schemas/time-intervals.schema.json" with { type: "json" };
import silenceSchema from "../../schemas/silence.schema.json" with { type: "json" };
import { silencesKind } from "./kind-silences.js";

export { classificationKind, correlationKind, inhibitionKind, routingKind, silencesKind, timeIntervalsKind };
export { engineCrossChecks } from "./cross-checks.js";
export { silenceChecks } from "./kind-silences.js";

export const engineKinds: AnyPolicyFileKind[] = [classificationKind, routingKind, correlationKind, inhibitionKind, timeIntervalsKind, silencesKind];

export const engineSchemas: SchemaSet = {
  "classification.schema.json": classificationSchema,
  "routing.schema.json": routingSchema,
  "correlation.schema.json": correlationSchema,
  "policy-test.schema.json": policyTestSchema,
  "alert.schema.json": alertSchema,
  "inhibition.schema.json": inhibitionSchema,
  "time-intervals.schema.json": timeIntervalsSchema,
  "silence.schema.json": silenceSchema,
};

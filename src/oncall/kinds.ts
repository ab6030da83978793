// The on-call policy files as the loader sees them: path, schema, normaliser; plus the checks
// that need every file loaded. The lead's registry spreads these in.
import type { PolicyFileKind } from "../config/kinds.js";
import { normaliseRotations } from "./normalise-rotations.js";
import { normaliseCommanders, normaliseEscalation } from "./normalise-escalation.js";

export { oncallCrossChecks } from "./checks.js";
export { oncallSchemas } from "./schemas.js";

export const rotationsKind: PolicyFileKind<"rotations"> = {
  id: "rotations",
  path: "oncall/rotations.yaml",
  schema: "rotations.schema.json",
  fills: ["rotations"],
  normalise: normaliseRotations,
};

export const commandersKind: PolicyFileKind<"commanders"> = {
  id: "commanders",
  path: "oncall/commanders.yaml",
  schema: "commanders.schema.json",
  fills: ["commanders"],
  normalise: normaliseCommanders,
};

export const escalationKind: PolicyFileKind<"escalation"> = {
  id: "escalation",
  path: "escalation.yaml",
  schema: "escalation.schema.json",
  fills: ["escalation"],
  normalise: normaliseEscalation,
};

export const oncallKinds = [rotationsKind, commandersKind, escalationKind] as const;

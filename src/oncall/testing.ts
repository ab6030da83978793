// Test support: build policy documents and run the on-call normalisers and checks the way the
// loader does, collecting issues instead of throwing. Pure (text in, issues out).
import { compileWith, type CompileResult } from "../config/compile.js";
import { parsePolicyYaml } from "../config/document.js";
import type { PolicyDocument, PolicyIssue, Reporter } from "../config/kinds.js";
import { registry } from "../config/registry.js";
import type { Override, Rotation, RotationLayer } from "../config/types.js";
import { oncallCrossChecks, oncallKinds, oncallSchemas } from "./kinds.js";

export function docOf(file: string, text: string): PolicyDocument {
  const parsed = parsePolicyYaml(file, text);
  if (!parsed.doc) throw new Error(`test YAML does not parse: ${parsed.issues.map((i) => i.message).join("; ")}`);
  return parsed.doc;
}

export function collector(): { report: Reporter; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  return {
    issues,
    report: {
      error: (ref, message) => issues.push({ level: "error", ...ref, message }),
      warn: (ref, message) => issues.push({ level: "warning", ...ref, message }),
    },
  };
}

/**
 * The on-call kinds plus the files they refer to (severities, services, teams), with only the
 * on-call checks: the rest of the repository's policies are other issues' business.
 */
export const oncallRegistry = {
  kinds: [...registry.kinds.filter((k) => ["severities", "services", "teams"].includes(k.id)), ...oncallKinds],
  crossChecks: oncallCrossChecks,
  schemas: { ...registry.schemas, ...oncallSchemas },
};

export function compileOncall(files: Record<string, string>): CompileResult {
  return compileWith(oncallRegistry, files);
}

type LayerInput = Partial<RotationLayer> & Pick<RotationLayer, "members">;

/** A rotation for tests: weekly Monday 09:00 America/Los_Angeles unless told otherwise. */
export function rotation(over: Partial<Omit<Rotation, "layers">> & { layers: LayerInput[] }): Rotation {
  const source = { file: "policies/oncall/rotations.yaml", line: 1, column: 1 };
  const layers = over.layers.map((l, i) => ({
    name: `layer${i + 1}`,
    shift: 7 * 86_400_000,
    handoff: { weekday: 1, time: "09:00" },
    restrictions: [],
    anchor: null,
    ...l,
  }));
  const members: Rotation["members"] = {};
  for (const l of layers) for (const m of l.members) members[m] = { expertise: [], senior: false, availability: [] };
  return {
    id: "test-oncall",
    name: "Test on-call",
    timeZone: "America/Los_Angeles",
    effectiveFrom: "2026-01-05T09:00:00-08:00",
    overrides: [],
    history: [],
    allowGaps: false,
    source,
    ...over,
    layers,
    members: { ...members, ...over.members },
  };
}

export function override(start: string, end: string, member: string, extra: Partial<Override> = {}): Override {
  return { start, end, member, replaces: null, role: "primary", source: { file: "policies/oncall/rotations.yaml", line: 1, column: 1 }, ...extra };
}

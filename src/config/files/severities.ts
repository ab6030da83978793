// severities.yaml → the four severity levels.
import type { PolicyFileKind } from "../kinds.js";
import { parseDuration } from "../duration.js";
import { SEVERITIES, type EscalationTiming, type Severity, type SeverityLevel } from "../types.js";

interface RawLevel {
  name: string;
  description: string;
  response_time: string;
  resolution_target: string;
  escalation: string;
  update_every?: string;
  team: string[];
  postmortem_required?: boolean;
  status_page?: boolean;
  examples: string[];
}

export function parseEscalationTiming(text: string): EscalationTiming {
  if (text === "immediate") return { kind: "immediate" };
  if (text === "next business day") return { kind: "next-business-day" };
  return { kind: "after", after: parseDuration(text) ?? 0 };
}

export const severitiesKind: PolicyFileKind<"severities"> = {
  id: "severities",
  path: "severities.yaml",
  schema: "severities.schema.json",
  fills: ["severities"],
  normalise(doc, report) {
    const raw = (doc.value as { severities: Record<Severity, RawLevel> }).severities;
    const levels = {} as Record<Severity, SeverityLevel>;
    for (const id of SEVERITIES) {
      const r = raw[id];
      const response = parseDuration(r.response_time) ?? 0;
      const resolution = parseDuration(r.resolution_target) ?? 0;
      if (resolution <= response) {
        report.error(doc.at(["severities", id, "resolution_target"]), `\`severities.${id}.resolution_target\` (${r.resolution_target}) must be longer than its response_time (${r.response_time})`);
      }
      levels[id] = {
        id,
        name: r.name,
        description: r.description,
        responseTime: response,
        resolutionTarget: resolution,
        escalation: parseEscalationTiming(r.escalation),
        updateEvery: r.update_every === undefined ? null : parseDuration(r.update_every),
        team: r.team,
        postmortemRequired: r.postmortem_required ?? false,
        statusPage: r.status_page ?? false,
        examples: r.examples,
      };
    }
    // Response targets must tighten with severity, or "P0" would mean less than "P1".
    for (let i = 1; i < SEVERITIES.length; i++) {
      const hi = levels[SEVERITIES[i - 1] as Severity];
      const lo = levels[SEVERITIES[i] as Severity];
      if (hi.responseTime > lo.responseTime) {
        report.error(doc.at(["severities", hi.id, "response_time"]), `\`severities.${hi.id}.response_time\` is longer than ${lo.id}'s: a more severe level must be answered at least as fast`);
      }
    }
    return { severities: levels };
  },
};

// correlation.yaml → CorrelationPolicy. "more than 5" is stored as minRelated 6.
import type { PolicyFileKind } from "../config/kinds.js";
import type { Severity } from "../config/types.js";
import { parseDuration } from "../config/duration.js";

interface RawCorrelation {
  group_by: string[];
  window: string;
  auto_resolve?: boolean;
  cascade?: { enabled?: boolean; related_more_than: number; spread_rate_above: number; window?: string; severity?: Severity; title?: string };
  intermittent?: { enabled?: boolean; flaps: number; window: string; severity?: Severity; title?: string };
}

export const correlationKind: PolicyFileKind<"correlation"> = {
  id: "correlation",
  path: "correlation.yaml",
  schema: "correlation.schema.json",
  fills: ["correlation"],
  normalise(doc, report) {
    const raw = doc.value as RawCorrelation;
    const duration = (text: string | undefined, path: (string | number)[], fallback: number): number => {
      if (text === undefined) return fallback;
      const ms = parseDuration(text);
      if (ms === null || ms === 0) {
        report.error(doc.at(path), `\`${text}\` is not a positive duration; write e.g. 300s, 5m or 1h`);
        return fallback;
      }
      return ms;
    };
    const window = duration(raw.window, ["window"], 300_000);
    const c = raw.cascade;
    const i = raw.intermittent;
    return {
      correlation: {
        groupBy: raw.group_by,
        window,
        autoResolve: raw.auto_resolve ?? true,
        cascade: {
          enabled: c ? (c.enabled ?? true) : false,
          minRelated: (c?.related_more_than ?? 5) + 1,
          spreadRate: c?.spread_rate_above ?? 0.8,
          window: duration(c?.window, ["cascade", "window"], window),
          severity: c?.severity ?? "P0",
          title: c?.title ?? "Cascade Failure Detected",
        },
        intermittent: {
          enabled: i ? (i.enabled ?? true) : false,
          flaps: i?.flaps ?? 3,
          window: duration(i?.window, ["intermittent", "window"], 3_600_000),
          severity: i?.severity ?? "P2",
          title: i?.title ?? "Intermittent Issue Pattern",
        },
      },
    };
  },
};

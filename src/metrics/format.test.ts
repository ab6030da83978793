import { describe, expect, it } from "vitest";
import { shippedPolicies } from "../../test/engine/fixtures.js";
import type { IncidentRecord } from "../incident/record.js";
import { buildRecord } from "../incident/testing.js";
import { computeMetrics } from "./compute.js";
import { formatMarkdown, formatText } from "./format.js";

const policies = shippedPolicies();
const RANGE = { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };

function incident(id: string, overrides: Partial<IncidentRecord>, times: Partial<IncidentRecord["timestamps"]>): IncidentRecord {
  const base = buildRecord();
  return buildRecord({ id, ...overrides, timestamps: { ...base.timestamps, ...times } });
}

const records = [
  incident("2026-11-10-001", { severity: "P0", status: "postmortem-published", rootCause: { category: "deployment", text: null } }, {
    started: "2026-11-10T10:00:00Z", detected: "2026-11-10T10:01:00Z", acknowledged: "2026-11-10T10:04:00Z", resolved: "2026-11-10T10:25:00Z",
  }),
  incident("2026-11-20-001", {
    severity: "P1", status: "resolved", rootCause: { category: "Deployment", text: null },
    actionItems: [{ title: "Add | canary", owner: "sre", due: "2026-11-25", priority: "High", source: "manual", issue: null }],
  }, { started: "2026-11-20T10:00:00Z", detected: "2026-11-20T10:03:00Z", acknowledged: "2026-11-20T10:20:00Z", resolved: "2026-11-20T11:00:00Z" }),
  incident("2026-11-30-001", { severity: "P2", status: "investigating" }, { started: "2026-11-30T10:00:00Z", detected: "2026-11-30T10:00:30Z" }),
];

describe("metrics report rendering", () => {
  it("renders markdown tables with targets and ✅/❌", () => {
    expect(formatMarkdown(computeMetrics(records, policies, RANGE))).toMatchInlineSnapshot(`
      "# Incident metrics

      2026-11-01T00:00:00.000Z → 2026-12-01T00:00:00.000Z (incidents by detection time)

      **3 incidents (P0 1 · P1 1 · P2 1 · P3 0); 1 unresolved (counted, left out of the time means): 2026-11-30-001**

      ## Time to acknowledge, detect, recover

      | Metric | Mean | Median | Measured | Target (mean) | |
      |---|---|---|---|---|---|
      | MTTA (detected → acknowledged) | 10m | 10m | 2 | ≤ 5m | ❌ |
      | MTTD (started → detected) | 2m | 2m | 2 | ≤ 2m | ✅ |
      | MTTR (started → resolved) | 42m 30s | 42m 30s | 2 | ≤ 30m | ❌ |

      ## SLA compliance

      | Severity | Incidents | Response | Target | | Resolution | Target | |
      |---|---|---|---|---|---|---|---|
      | P0 | 1 | 100% (1/1) | ≤ 5m | ✅ | 100% (1/1) | ≤ 2h | ✅ |
      | P1 | 1 | 0% (0/1) | ≤ 15m | ❌ | 100% (1/1) | ≤ 4h | ✅ |
      | P2 | 1 | 0% (0/1) | ≤ 1h | ❌ | n/a | ≤ 1d | — |
      | P3 | 0 | n/a | ≤ 4h | — | n/a | ≤ 3d | — |

      ## Rates

      | Metric | Value | Target | |
      |---|---|---|---|
      | Recurrence rate | 50% (1/2) | ≤ 10% | ❌ |
      | Post-mortem completion (P0, P1) | 50% (1/2) | ≥ 100% | ❌ |
      | Action-item completion | 0% (0/1) | ≥ 90% | ❌ |

      - Recurrence: a root-cause category seen in an earlier incident within 90d — 2026-11-20-001; 1 without a root-cause category not counted
      - Post-mortems: published = status postmortem-published, or closed with a post-mortem path — missing: 2026-11-20-001
      - Action items: complete = has a tracking issue (the record does not say whether the issue is closed); missed = past its due date with no issue; items not yet due without an issue are left out
        - missed: 2026-11-20-001 "Add \\| canary" (due 2026-11-25)
      "
    `);
  });

  it("renders plain text for the terminal", () => {
    expect(formatText(computeMetrics(records, policies, RANGE))).toMatchInlineSnapshot(`
      "Incident metrics 2026-11-01T00:00:00.000Z → 2026-12-01T00:00:00.000Z (by detection time)
      3 incidents (P0 1 · P1 1 · P2 1 · P3 0); 1 unresolved (counted, left out of the time means): 2026-11-30-001

      MTTA (detected → acknowledged)   mean 10m       median 10m       n=2    target ≤ 5m     missed
      MTTD (started → detected)        mean 2m        median 2m        n=2    target ≤ 2m     met
      MTTR (started → resolved)        mean 42m 30s   median 42m 30s   n=2    target ≤ 30m    missed

      SLA compliance (share of decided incidents within target)
        P0 1    response 100% (1/1)     ≤ 5m   met      resolution 100% (1/1)     ≤ 2h   met
        P1 1    response 0% (0/1)       ≤ 15m  missed   resolution 100% (1/1)     ≤ 4h   met
        P2 1    response 0% (0/1)       ≤ 1h   missed   resolution n/a            ≤ 1d   no data
        P3 0    response n/a            ≤ 4h   no data  resolution n/a            ≤ 3d   no data

      Recurrence rate                          50% (1/2)        target ≤ 10%   missed
      Post-mortem completion (P0, P1)          50% (1/2)        target ≥ 100%  missed
      Action-item completion                   0% (0/1)         target ≥ 90%   missed

      Recurrence: a root-cause category seen in an earlier incident within 90d — 2026-11-20-001; 1 without a root-cause category not counted
      Post-mortems: published = status postmortem-published, or closed with a post-mortem path — missing: 2026-11-20-001
      Action items: complete = has a tracking issue (the record does not say whether the issue is closed); missed = past its due date with no issue; items not yet due without an issue are left out
        missed: 2026-11-20-001 "Add | canary" (due 2026-11-25)
      "
    `);
  });

  it("says n/a with no incidents", () => {
    const text = formatText(computeMetrics([], policies, RANGE));
    expect(text.split("\n").filter((l) => l.includes("n/a")).length).toBe(10);
  });
});

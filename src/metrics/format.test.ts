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

      \`\`\`mermaid
      xychart-beta
        title "Incidents per week (all severities)"
        x-axis "Week starting (UTC, MM-DD)" ["10-26", "11-02", "11-09", "11-16", "11-23", "11-30"]
        y-axis "Incidents" 0 --> 1
        bar [0, 0, 1, 1, 0, 1]
      \`\`\`

      ## Time to acknowledge, detect, recover

      | Metric | Mean | Median | Measured | Target (mean) | |
      |---|---|---|---|---|---|
      | MTTA (detected → acknowledged) | 10m | 10m | 2 | ≤ 5m | ❌ |
      | MTTD (started → detected) | 2m | 2m | 2 | ≤ 2m | ✅ |
      | MTTR (started → resolved) | 42m 30s | 42m 30s | 2 | ≤ 30m | ❌ |

      \`\`\`mermaid
      xychart-beta
        title "MTTA per week, minutes (bars; 0 = none resolved) vs target 5 min (line)"
        x-axis "Week starting (UTC, MM-DD)" ["10-26", "11-02", "11-09", "11-16", "11-23", "11-30"]
        y-axis "Minutes" 0 --> 17
        bar [0, 0, 3, 17, 0, 0]
        line [5, 5, 5, 5, 5, 5]
      \`\`\`

      \`\`\`mermaid
      xychart-beta
        title "MTTD per week, minutes (bars; 0 = none resolved) vs target 2 min (line)"
        x-axis "Week starting (UTC, MM-DD)" ["10-26", "11-02", "11-09", "11-16", "11-23", "11-30"]
        y-axis "Minutes" 0 --> 3
        bar [0, 0, 1, 3, 0, 0]
        line [2, 2, 2, 2, 2, 2]
      \`\`\`

      \`\`\`mermaid
      xychart-beta
        title "MTTR per week, minutes (bars; 0 = none resolved) vs target 30 min (line)"
        x-axis "Week starting (UTC, MM-DD)" ["10-26", "11-02", "11-09", "11-16", "11-23", "11-30"]
        y-axis "Minutes" 0 --> 60
        bar [0, 0, 25, 60, 0, 0]
        line [30, 30, 30, 30, 30, 30]
      \`\`\`

      ## Availability

      Status-page components, 2026-11-01T00:00:00.000Z → 2026-12-01T00:00:00.000Z: from the durations of incidents of public severities; major outage counts fully, partial outage 30%, degraded and maintenance not at all

      | Component | Availability | Downtime (weighted) | Incidents |
      |---|---|---|---|
      | API Endpoints | 99.900% | 43m | 2026-11-10-001, 2026-11-20-001 |
      | Web Application | 100% | none | none |
      | Database Layer | 100% | none | none |
      | Authentication Service | 100% | none | none |
      | **All components (mean)** | **99.975%** | | |

      \`\`\`mermaid
      xychart-beta
        title "Availability per status-page component, % (from incident durations)"
        x-axis "Component" ["API Endpoints", "Web Application", "Database Layer", "Authentication Service"]
        y-axis "Availability (%)" 98 --> 100
        bar [99.9, 100, 100, 100]
      \`\`\`

      ## SLA compliance

      | Severity | Incidents | Response | Target | | Resolution | Target | |
      |---|---|---|---|---|---|---|---|
      | P0 | 1 | 100% (1/1) | ≤ 5m | ✅ | 100% (1/1) | ≤ 2h | ✅ |
      | P1 | 1 | 0% (0/1) | ≤ 15m | ❌ | 100% (1/1) | ≤ 4h | ✅ |
      | P2 | 1 | 0% (0/1) | ≤ 1h | ❌ | n/a | ≤ 1d | — |
      | P3 | 0 | n/a | ≤ 4h | — | n/a | ≤ 3d | — |

      \`\`\`mermaid
      xychart-beta
        title "Resolution SLA compliance per severity, % of decided incidents (0 = none decided)"
        x-axis "Severity" ["P0", "P1", "P2", "P3"]
        y-axis "Within target (%)" 0 --> 100
        bar [100, 100, 0, 0]
      \`\`\`

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

      Availability (from the durations of incidents of public severities; major outage counts fully, partial outage 30%, degraded and maintenance not at all)
        API Endpoints                99.900%   downtime 43m
        Web Application              100%      downtime none
        Database Layer               100%      downtime none
        Authentication Service       100%      downtime none
        all components (mean)        99.975%

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

// Writes test/pagerduty/fixtures/schedule.json: a PagerDuty GET /schedules/{id}?since=…&until=…
// response for 8 weeks across the March 2026 DST change in America/New_York (written with the
// ActiveSupport zone name PagerDuty accounts use), its final schedule rendered by reference.ts.
//   node scripts/run-ts.mjs test/pagerduty/make-fixture.ts   (from the repository root)
import { writeFileSync } from "node:fs";
import { renderFinal, type RawLayer, type RawOverride } from "./reference.js";

const ZONE = "America/New_York";
const user = (id: string, summary: string) => ({ user: { id, summary, type: "user_reference", self: `https://api.pagerduty.com/users/${id}` } });
const NAMES: Record<string, string> = { PADA001: "Ada Lovelace", PGRC002: "Grace Hopper", PLIN003: "Linus Torvalds", PMAR004: "Margaret Hamilton", PKEN005: "Ken Thompson", PBAR006: "Barbara Liskov" };
const U = Object.fromEntries(Object.entries(NAMES).map(([id, name]) => [id, user(id, name)]));
const u = (id: string) => U[id] as ReturnType<typeof user>;

// GET order: highest priority first.
const layers: (RawLayer & { id: string; rendered_schedule_entries: unknown[]; rendered_coverage_percentage: null })[] = [
  {
    id: "PLAYR04", name: "Weekend (from March 21)", start: "2026-03-21T10:00:00-04:00", end: null,
    rotation_virtual_start: "2026-03-21T10:00:00-04:00", rotation_turn_length_seconds: 604_800,
    users: [u("PBAR006"), u("PGRC002"), u("PLIN003")],
    restrictions: [{ type: "weekly_restriction", start_time_of_day: "10:00:00", duration_seconds: 2 * 86_400, start_day_of_week: 6 }],
    rendered_schedule_entries: [], rendered_coverage_percentage: null,
  },
  {
    id: "PLAYR03", name: "Weekend 12h", start: "2026-02-07T10:00:00-05:00", end: "2026-03-21T10:00:00-04:00",
    rotation_virtual_start: "2026-02-07T10:00:00-05:00", rotation_turn_length_seconds: 43_200,
    users: [u("PADA001"), u("PBAR006")],
    restrictions: [{ type: "weekly_restriction", start_time_of_day: "10:00:00", duration_seconds: 2 * 86_400, start_day_of_week: 6 }],
    rendered_schedule_entries: [], rendered_coverage_percentage: null,
  },
  {
    id: "PLAYR02", name: "Nights", start: "2026-02-01T18:00:00-05:00", end: null,
    rotation_virtual_start: "2026-02-01T18:00:00-05:00", rotation_turn_length_seconds: 86_400,
    users: [u("PMAR004"), u("PKEN005")],
    restrictions: [{ type: "daily_restriction", start_time_of_day: "18:00:00", duration_seconds: 14 * 3600 }],
    rendered_schedule_entries: [], rendered_coverage_percentage: null,
  },
  {
    id: "PLAYR01", name: "Weekly primary", start: "2026-01-26T09:00:00-05:00", end: null,
    rotation_virtual_start: "2026-01-26T09:00:00-05:00", rotation_turn_length_seconds: 604_800,
    users: [u("PADA001"), u("PGRC002"), u("PLIN003")],
    restrictions: [],
    rendered_schedule_entries: [], rendered_coverage_percentage: null,
  },
];
const overrides: RawOverride[] = [
  { start: "2026-03-10T12:00:00-04:00", end: "2026-03-11T12:00:00-04:00", user: { id: "PKEN005", summary: NAMES["PKEN005"] ?? "" } },
  { start: "2026-02-14T00:00:00-05:00", end: "2026-02-14T06:00:00-05:00", user: { id: "PGRC002", summary: NAMES["PGRC002"] ?? "" } },
];
const since = Date.parse("2026-02-09T00:00:00-05:00");
const until = Date.parse("2026-04-06T00:00:00-04:00");
const final = renderFinal(layers, overrides, since, until, ZONE, NAMES);
const overridesEntries = overrides.map((o) => ({ start: o.start, end: o.end, user: { ...o.user, type: "user_reference" } }));

const response = {
  schedule: {
    id: "PSCHED1",
    type: "schedule",
    summary: "Platform On-Call",
    self: "https://api.pagerduty.com/schedules/PSCHED1",
    html_url: "https://example.pagerduty.com/schedules/PSCHED1",
    name: "Platform On-Call",
    time_zone: "Eastern Time (US & Canada)",
    description: "Platform team: weekly primary, nights and weekends",
    schedule_layers: layers,
    overrides_subschedule: { name: "Overrides", rendered_schedule_entries: overridesEntries, rendered_coverage_percentage: null },
    final_schedule: { name: "Final Schedule", rendered_schedule_entries: final, rendered_coverage_percentage: null },
    escalation_policies: [{ id: "PESCPOL", type: "escalation_policy_reference", summary: "Platform" }],
    users: Object.values(U).map((x) => x.user),
    teams: [],
  },
};
writeFileSync("test/pagerduty/fixtures/schedule.json", JSON.stringify(response, null, 2) + "\n");
console.log(`${final.length} final schedule entries`);

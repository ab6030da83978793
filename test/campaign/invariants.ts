// What must hold after any set of deliveries, faults and races, checked against what GitHub (the
// emulator) and the records' remote ended up with. Each check names the incidents, issues and keys
// it found wrong, so a failing seed says exactly what broke.
import { parse } from "yaml";
import { readMarkers } from "../../src/render/markers.js";
import type { IncidentRecord } from "../../src/incident/record.js";
import { ACTIVE_STATUSES } from "../../src/incident/status.js";
import type { World } from "../e2e/harness.js";

export const INVARIANTS = {
  "alert-in-one-record": "every alert delivered is in exactly one incident record",
  "one-open-incident-per-group": "at most one open incident per group key",
  "one-issue-per-incident": "each incident has exactly one issue, and no issue belongs to two incidents",
  "keyed-message-once": "each keyed message (comment marker) is posted once",
  "record-has-issue": "after the schedule backstop, every record links an issue that exists and names it",
  "contract": "every request and response agrees with GitHub's OpenAPI description",
} as const;

export type Invariant = keyof typeof INVARIANTS;

export interface Violation {
  invariant: Invariant;
  detail: string;
}

const OPEN = new Set<string>(ACTIVE_STATUSES);

export function records(w: World): IncidentRecord[] {
  return Object.entries(w.remoteFiles())
    .filter(([p]) => !p.startsWith("incidents/unprocessed/") && p.endsWith(".yaml"))
    .map(([, text]) => parse(text) as IncidentRecord);
}

/** Checks every invariant; `fingerprints` are the alerts delivered (each must be recorded once). */
export function checkInvariants(w: World, fingerprints: readonly string[]): Violation[] {
  const out: Violation[] = [];
  const add = (invariant: Invariant, detail: string) => out.push({ invariant, detail });
  const all = records(w);
  const bot = (user: string) => user.endsWith("[bot]");

  for (const fp of new Set(fingerprints)) {
    const holders = all.filter((r) => r.alerts.some((a) => a.fingerprint === fp)).map((r) => r.id);
    if (holders.length !== 1) add("alert-in-one-record", `alert ${fp} is in ${holders.length} records${holders.length ? ` (${holders.join(", ")})` : ""}`);
  }

  const openByGroup = new Map<string, string[]>();
  for (const r of all.filter((x) => OPEN.has(x.status))) openByGroup.set(r.groupKey, [...(openByGroup.get(r.groupKey) ?? []), r.id]);
  for (const [group, ids] of openByGroup) if (ids.length > 1) add("one-open-incident-per-group", `group ${group} has ${ids.length} open incidents (${ids.join(", ")})`);

  // Issues the Action opened for incidents, by the incident their marker names.
  const issuesById = new Map<string, number[]>();
  for (const issue of w.gh.state.issues) {
    if (issue.pull || !bot(issue.user)) continue;
    const ids = new Set(readMarkers(issue.body ?? "").filter((m) => m.kind === "incident").map((m) => String(m.data.id)));
    if (ids.size > 1) add("one-issue-per-incident", `issue #${issue.number} names ${ids.size} incidents (${[...ids].join(", ")})`);
    for (const id of ids) issuesById.set(id, [...(issuesById.get(id) ?? []), issue.number]);
  }
  for (const [id, numbers] of issuesById) if (numbers.length > 1) add("one-issue-per-incident", `incident ${id} has ${numbers.length} issues (#${numbers.join(", #")})`);
  const byIssue = new Map<number, string[]>();
  for (const r of all) if (r.links.issue !== null) byIssue.set(r.links.issue, [...(byIssue.get(r.links.issue) ?? []), r.id]);
  for (const [number, ids] of byIssue) if (ids.length > 1) add("one-issue-per-incident", `issue #${number} is linked by ${ids.length} records (${ids.join(", ")})`);

  const keyed = new Map<string, number[]>();
  for (const c of w.gh.state.comments) {
    if (!bot(c.user)) continue;
    for (const m of readMarkers(c.body).filter((x) => x.kind === "comment")) {
      const key = `${String(m.data.incident)} ${String(m.data.key)}`;
      keyed.set(key, [...(keyed.get(key) ?? []), c.issueNumber]);
    }
  }
  for (const [key, where] of keyed) if (where.length > 1) add("keyed-message-once", `message "${key}" was posted ${where.length} times (on #${where.join(", #")})`);

  for (const r of all) {
    const number = r.links.issue;
    const issue = number === null ? undefined : w.gh.state.issue(number);
    if (number === null) add("record-has-issue", `incident ${r.id} (${r.status}) has no issue`);
    else if (!issue) add("record-has-issue", `incident ${r.id} links #${number}, which does not exist`);
    else if (!readMarkers(issue.body ?? "").some((m) => m.kind === "incident" && m.data.id === r.id)) add("record-has-issue", `incident ${r.id} links #${number}, whose body does not name it`);
  }

  for (const v of w.gh.violations) add("contract", v.message.slice(0, 300));
  return out;
}

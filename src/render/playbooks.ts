// Which playbooks an incident suggests: those whose matchers match one of its alerts. Shared by
// the issue body (the playbook list and the links row) and the /runbook command.
import type { Policies } from "../config/types.js";
import { matchesAll } from "../engine/matchers.js";
import type { IncidentRecord } from "../incident/record.js";

/** Playbooks whose matchers (any one set, all of its matchers) match one of the record's firing alerts (or any alert if none fire). */
export function suggestedPlaybooks(record: IncidentRecord, policies: Policies): string[] {
  const firing = record.alerts.filter((a) => a.status === "firing");
  const alerts = firing.length > 0 ? firing : record.alerts;
  const labelSets = alerts.map((a) => ({ alertname: a.name, ...a.labels }));
  return Object.values(policies.playbooks)
    .filter((p) => p.matcherSets.some((set) => set.length > 0 && labelSets.some((l) => matchesAll(set, l))))
    .map((p) => p.id);
}

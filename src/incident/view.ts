// Maps stored records onto the engine's view of incidents that alerts can still join.
import type { OpenIncident } from "../engine/incident-view.js";
import type { IncidentRecord } from "./record.js";
import { isActive } from "./status.js";

/** Active and resolved incidents (decide reopens a resolved one only within the correlation window). */
export function openIncidentView(record: IncidentRecord): OpenIncident | null {
  const status = record.status;
  if (!isActive(status) && status !== "resolved") return null;
  const last = record.alerts.reduce((max, a) => (a.receivedAt > max ? a.receivedAt : max), record.timestamps.detected);
  return {
    id: record.id,
    groupKey: record.groupKey,
    title: record.title,
    severity: record.severity,
    status,
    service: record.service || null,
    alerts: record.alerts.map((a) => ({ fingerprint: a.fingerprint, startsAt: a.startsAt, status: a.status, labels: a.labels })),
    openedAt: record.timestamps.detected,
    lastAlertAt: record.status === "resolved" ? (record.timestamps.resolved ?? last) : last,
  };
}

/** The incidents of a record set that alerts can still join. */
export function openIncidents(records: Iterable<IncidentRecord>): OpenIncident[] {
  return [...records].map(openIncidentView).filter((v): v is OpenIncident => v !== null);
}

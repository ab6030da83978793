// The decision the design's invariant 3 is about, in miniature: append the alert to the open
// incident of its group, or open one if there is none — decided from the records `transact` read.
import { serializeRecord } from "../../incident/codec.js";
import { nextIncidentId, recordPath } from "../../incident/paths.js";
import type { IncidentRecord, RecordedAlert } from "../../incident/record.js";
import { commitMessage } from "../commit-message.js";
import type { Attempt } from "../transaction.js";
import { buildRecord } from "../../incident/testing.js";

export type GroupResult = { action: "opened" | "appended" | "duplicate"; id: string };

export function appendOrCreate(records: ReadonlyMap<string, IncidentRecord>, groupKey: string, alert: RecordedAlert, now: string): Attempt<GroupResult> {
  const open = [...records.values()].find((r) => r.groupKey === groupKey && r.status !== "resolved" && r.status !== "closed");
  if (open) {
    if (open.alerts.some((a) => a.fingerprint === alert.fingerprint)) {
      return { changes: [], message: commitMessage({ id: open.id, action: "alert" }), result: { action: "duplicate", id: open.id } };
    }
    const next: IncidentRecord = {
      ...open,
      alerts: [...open.alerts, alert],
      timeline: [...open.timeline, { at: now, actor: "incident-as-code", kind: "alert", text: `alert ${alert.fingerprint} joined` }],
    };
    return {
      changes: [{ path: recordPath(open.id), content: serializeRecord(next) }],
      message: commitMessage({ id: open.id, action: "alert", severity: open.severity, service: open.service }),
      result: { action: "appended", id: open.id },
    };
  }
  const id = nextIncidentId(records.keys(), now);
  const record = buildRecord({ id, groupKey, alerts: [alert], timestamps: { ...buildRecord().timestamps, detected: now } });
  return {
    changes: [{ path: recordPath(id), content: serializeRecord(record) }],
    message: commitMessage({ id, action: "open", severity: record.severity, service: record.service }),
    result: { action: "opened", id },
  };
}

// Where incident records live on the records branch, and how new ids are numbered.
//
// Live records — every incident alerts, commands, edits or timers can still touch — are
// `incidents/<id>.yaml`. A record that is over (closed, its post-mortem published, or resolved more
// than ARCHIVE_AFTER_MS ago with nothing left to deliver) moves to
// `incidents/archive/<yyyy-mm>/<id>.yaml`, so a run reads the live set and never the history: the
// cost of an alert does not grow with the number of past incidents. An archived record is still
// found by id (both paths derive from it), and `readLocalRecords` reads both for metrics.
import type { IncidentRecord } from "./record.js";

export const RECORDS_DIR = "incidents";
export const ARCHIVE_DIR = "incidents/archive";
/** A resolved incident stays live this long: re-sent alerts of its episodes are still recognised. */
export const ARCHIVE_AFTER_MS = 7 * 86_400_000;

const ID_PATTERN = /^\d{4}-\d{2}-\d{2}-\d{3,}$/;

export function isIncidentId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function checkId(id: string): void {
  if (!isIncidentId(id)) throw new Error(`not an incident id: ${JSON.stringify(id)}`);
}

/** The live path of a record: `incidents/<id>.yaml`. Throws for anything that is not an id. */
export function recordPath(id: string): string {
  checkId(id);
  return `${RECORDS_DIR}/${id}.yaml`;
}

/** The archived path of a record: `incidents/archive/<yyyy-mm>/<id>.yaml` (the month of its id). */
export function archivePath(id: string): string {
  checkId(id);
  return `${ARCHIVE_DIR}/${id.slice(0, 7)}/${id}.yaml`;
}

/** The archive folder holding the ids of `day` (YYYY-MM-DD). */
export function archiveDirOf(day: string): string {
  return `${ARCHIVE_DIR}/${day.slice(0, 7)}`;
}

/**
 * Whether a record is over: closed or published, or resolved more than ARCHIVE_AFTER_MS before
 * `nowMs` with no notification still pending and no post-mortem owed (`postmortemRequired`).
 */
export function isArchivable(record: IncidentRecord, nowMs: number, postmortemRequired: boolean): boolean {
  if (record.status === "closed" || record.status === "postmortem-published") return true;
  if (record.status !== "resolved" || postmortemRequired) return false;
  if ((record.notifications ?? []).some((n) => n.status === "pending" || n.status === "failed")) return false;
  const resolved = Date.parse(record.timestamps.resolved ?? "");
  return Number.isFinite(resolved) && nowMs - resolved > ARCHIVE_AFTER_MS;
}

/** Where `record` belongs at `nowMs`: its archived path once it is over, else its live path. */
export function pathFor(record: IncidentRecord, nowMs: number, postmortemRequired: boolean): string {
  return isArchivable(record, nowMs, postmortemRequired) ? archivePath(record.id) : recordPath(record.id);
}

/**
 * The next id for an incident opened at `dateISO` (a full ISO timestamp or a YYYY-MM-DD date; the
 * UTC calendar date is used): one more than the highest number already used that day.
 */
export function nextIncidentId(existingIds: Iterable<string>, dateISO: string): string {
  const day = utcDay(dateISO);
  let max = 0;
  for (const id of existingIds) {
    if (!ID_PATTERN.test(id) || !id.startsWith(`${day}-`)) continue;
    max = Math.max(max, Number(id.slice(day.length + 1)));
  }
  return `${day}-${String(max + 1).padStart(3, "0")}`;
}

/** The UTC calendar date (YYYY-MM-DD) of an ISO timestamp or date. */
export function utcDay(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new Error(`not an ISO date: ${JSON.stringify(iso)}`);
  return t.toISOString().slice(0, 10);
}

// The little the engine needs to know about incidents already in the repository. The full
// incident record (src/incident) maps onto this view.
import type { Severity } from "../config/types.js";
import type { AlertStatus } from "../alerts/types.js";
import type { ActiveStatus } from "../incident/status.js";

/** The statuses an incident that alerts can still join has: an active one, or resolved. */
export type JoinableStatus = ActiveStatus | "resolved";

/** One episode of an alert: the same fingerprint firing again after resolving is a new episode. */
export interface AlertEpisode {
  fingerprint: string;
  startsAt: string; // ISO
  status: AlertStatus;
  /** As recorded; lets a recorded firing alert inhibit new ones (inhibition.yaml). */
  labels?: Readonly<Record<string, string>>;
}

/**
 * An incident that alerts can still join: every active incident, plus resolved ones whose last
 * alert is within the correlation window (a new alert reopens them instead of opening another).
 */
export interface OpenIncident {
  id: string;
  groupKey: string;
  title?: string;
  severity: Severity;
  status: JoinableStatus;
  service: string | null;
  alerts: AlertEpisode[];
  openedAt: string; // ISO
  lastAlertAt: string; // ISO
}

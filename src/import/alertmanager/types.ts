// What `incident import alertmanager` produces: policy data ready to write, and notes about
// everything it could not carry over, each at its place in the Alertmanager file.
import type { SourceRef } from "../../config/types.js";
import type { ImportedChannel } from "./receivers.js";

/** error: routing would differ from Alertmanager's; warning: a setting with no equivalent here. */
export interface ImportNote extends SourceRef {
  level: "error" | "warning";
  message: string;
}

export interface ImportResult {
  channels: ImportedChannel[];
  route: Record<string, unknown>; // routing.yaml `route`
  inhibitRules: Record<string, unknown>[]; // inhibition.yaml `inhibit_rules`
  timeIntervals: Record<string, unknown>[]; // time-intervals.yaml `time_intervals`
  notes: ImportNote[];
  /** Alertmanager receiver name → channel id: how to read the imported tree's channels as receivers. */
  receiverChannels: Record<string, string>;
}

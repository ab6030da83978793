// maintenance.yaml → scheduled maintenance windows: shown on the status page, and (unless
// `silence_alerts: false`) silencing the alerts of their services while they last, as a silence
// would (src/engine/silence.ts). The file is optional: without it there is no maintenance. Window
// services are checked against the catalogue in `maintenanceCrossChecks`, once every file is loaded.
import type { CrossCheck, PolicyFileKind } from "../kinds.js";
import type { MaintenanceWindow } from "../types.js";
import { unknownName } from "./cross-checks.js";

interface RawWindow {
  id: string;
  title: string;
  services: string[];
  starts: string;
  ends: string;
  description?: string;
  silence_alerts?: boolean;
}

export const maintenanceKind: PolicyFileKind<"maintenance"> = {
  id: "maintenance",
  path: "maintenance.yaml",
  schema: "maintenance.schema.json",
  fills: ["maintenance"],
  absent: () => ({ maintenance: [] }),
  normalise(doc, report) {
    const raw = (doc.value as { maintenance: RawWindow[] }).maintenance;
    const ids = new Set<string>();
    const windows: MaintenanceWindow[] = [];
    raw.forEach((w, i) => {
      if (ids.has(w.id)) report.error(doc.at(["maintenance", i, "id"]), `maintenance id \`${w.id}\` is used twice; ids must be unique`);
      ids.add(w.id);
      // The schema's date-time format already requires a zone, so each is one instant everywhere.
      const starts = Date.parse(w.starts);
      const ends = Date.parse(w.ends);
      if (ends <= starts) report.error(doc.at(["maintenance", i, "ends"]), `maintenance \`${w.id}\` ends (${w.ends}) before it starts (${w.starts})`);
      windows.push({ id: w.id, title: w.title, services: w.services, starts: new Date(starts).toISOString(), ends: new Date(ends).toISOString(), description: w.description ?? null, silenceAlerts: w.silence_alerts ?? true, source: doc.at(["maintenance", i]) });
    });
    windows.sort((a, b) => Date.parse(a.starts) - Date.parse(b.starts) || a.id.localeCompare(b.id));
    return { maintenance: windows };
  },
};

/** Every service a window names is in the catalogue. */
export const maintenanceCrossChecks: CrossCheck[] = [
  (p, report, refs) => {
    const doc = refs.doc(`${p.root}/maintenance.yaml`);
    const raw = (doc?.value as { maintenance?: { id: string; services: string[] }[] } | undefined)?.maintenance ?? [];
    const services = Object.keys(p.services);
    raw.forEach((w, i) =>
      w.services.forEach((s, j) => {
        const at = doc?.at(["maintenance", i, "services", j]) ?? { file: `${p.root}/maintenance.yaml`, line: 1, column: 1 };
        if (!p.services[s]) report.error(at, `maintenance \`${w.id}\`: ${unknownName("service", s, services)}`);
      }),
    );
  },
];

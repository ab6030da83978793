// The one list of policy file kinds, schemas and cross-reference checks the loader runs.
import type { Registry } from "./compile.js";
import { coreCrossChecks } from "./files/cross-checks.js";
import { maintenanceCrossChecks, maintenanceKind } from "./files/maintenance.js";
import { monitoringKind } from "./files/monitoring.js";
import { communicationKind, metricsKind, postmortemKind } from "./files/outcomes.js";
import { accessKind, checklistsKind, playbooksKind } from "./files/response.js";
import { servicesKind, teamsKind } from "./files/services.js";
import { severitiesKind } from "./files/severities.js";
import { reviewKind } from "./files/review.js";
import { coreSchemas } from "./schemas.js";
import { engineCrossChecks, engineKinds, engineSchemas, silenceChecks } from "../engine/kinds.js";
import { oncallCrossChecks, oncallKinds, oncallSchemas } from "../oncall/kinds.js";
import { notifySchemas } from "../notify/schemas.js";

export const registry: Registry = {
  kinds: [
    severitiesKind,
    servicesKind,
    teamsKind,
    monitoringKind,
    checklistsKind,
    playbooksKind,
    communicationKind,
    maintenanceKind,
    metricsKind,
    postmortemKind,
    accessKind,
    reviewKind,
    ...oncallKinds,
    ...engineKinds,
  ],
  crossChecks: [...coreCrossChecks, ...maintenanceCrossChecks, ...oncallCrossChecks, ...engineCrossChecks, ...silenceChecks],
  schemas: { ...coreSchemas, ...oncallSchemas, ...engineSchemas, ...notifySchemas },
};

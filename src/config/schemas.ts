// Every shipped JSON Schema, embedded so the bundled Action and CLI need no schemas/ folder at run
// time. Keys are the schema file names, which are also their $id.
import access from "../../schemas/access.schema.json" with { type: "json" };
import checklists from "../../schemas/checklists.schema.json" with { type: "json" };
import common from "../../schemas/common.schema.json" with { type: "json" };
import communication from "../../schemas/communication.schema.json" with { type: "json" };
import incident from "../../schemas/incident.schema.json" with { type: "json" };
import maintenance from "../../schemas/maintenance.schema.json" with { type: "json" };
import metrics from "../../schemas/metrics.schema.json" with { type: "json" };
import monitoring from "../../schemas/monitoring.schema.json" with { type: "json" };
import playbooks from "../../schemas/playbooks.schema.json" with { type: "json" };
import postmortem from "../../schemas/postmortem.schema.json" with { type: "json" };
import postmortemDoc from "../../schemas/postmortem-doc.schema.json" with { type: "json" };
import review from "../../schemas/review.schema.json" with { type: "json" };
import services from "../../schemas/services.schema.json" with { type: "json" };
import severities from "../../schemas/severities.schema.json" with { type: "json" };
import teams from "../../schemas/teams.schema.json" with { type: "json" };
import type { SchemaSet } from "./schema-check.js";

export const coreSchemas: SchemaSet = {
  "common.schema.json": common,
  "access.schema.json": access,
  "checklists.schema.json": checklists,
  "communication.schema.json": communication,
  "incident.schema.json": incident,
  "maintenance.schema.json": maintenance,
  "metrics.schema.json": metrics,
  "monitoring.schema.json": monitoring,
  "playbooks.schema.json": playbooks,
  "postmortem.schema.json": postmortem,
  "postmortem-doc.schema.json": postmortemDoc,
  "review.schema.json": review,
  "services.schema.json": services,
  "severities.schema.json": severities,
  "teams.schema.json": teams,
};

// services.yaml and teams.yaml → the services catalogue, the teams and how to reach people.
import type { PolicyFileKind } from "../kinds.js";
import type { Person, Service, Team } from "../types.js";

interface RawService {
  name: string;
  team: string;
  rotation: string;
  owners: string[];
  dependencies?: string[];
  status_page_component?: string;
  expertise?: string[];
  dashboard_url?: string;
  runbook_url?: string;
}

export const servicesKind: PolicyFileKind<"services"> = {
  id: "services",
  path: "services.yaml",
  schema: "services.schema.json",
  fills: ["services"],
  normalise(doc) {
    const raw = (doc.value as { services: Record<string, RawService> }).services;
    const services = Object.create(null) as Record<string, Service>; // looked up by alert label values: no prototype
    for (const [id, r] of Object.entries(raw)) {
      services[id] = {
        id,
        name: r.name,
        owners: r.owners,
        team: r.team,
        rotation: r.rotation,
        dependencies: r.dependencies ?? [],
        statusPageComponent: r.status_page_component ?? null,
        expertise: r.expertise ?? [],
        dashboardUrl: r.dashboard_url ?? null,
        runbookUrl: r.runbook_url ?? null,
      };
    }
    return { services };
  },
};

export const teamsKind: PolicyFileKind<"teams" | "people"> = {
  id: "teams",
  path: "teams.yaml",
  schema: "teams.schema.json",
  fills: ["teams", "people"],
  normalise(doc, report) {
    const value = doc.value as { teams: Record<string, { name: string; members: string[]; lead?: string }>; people?: Record<string, { name?: string; email?: string; phone?: string }> };
    const raw = value.teams;
    const teams = Object.create(null) as Record<string, Team>;
    for (const [id, r] of Object.entries(raw)) {
      if (r.lead !== undefined && !r.members.includes(r.lead)) {
        report.error(doc.at(["teams", id, "lead"]), `team \`${id}\` has lead \`${r.lead}\` who is not one of its members (${r.members.join(", ")})`);
      }
      teams[id] = { id, name: r.name, members: r.members, lead: r.lead ?? null };
    }
    const people = Object.create(null) as Record<string, Person>;
    for (const [login, p] of Object.entries(value.people ?? {})) people[login] = { login, name: p.name ?? null, email: p.email ?? null, phone: p.phone ?? null };
    return { teams, people };
  },
};

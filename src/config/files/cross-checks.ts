// References between the catalogue, response and outcome files: every name used is defined.
import { IANAZone } from "luxon";
import type { CrossCheck, RefIndex } from "../kinds.js";
import type { Policies, SourceRef } from "../types.js";
import { SEVERITIES } from "../types.js";
import { closest } from "fastest-levenshtein";

type Lookup = (file: string, path: (string | number)[]) => SourceRef;

function lookup(policies: Policies, refs: RefIndex): Lookup {
  return (file, path) => refs.doc(`${policies.root}/${file}`)?.at(path) ?? { file: `${policies.root}/${file}`, line: 1, column: 1 };
}

/** "no such X `y`; did you mean `z`? Defined: …" */
export function unknownName(what: string, name: string, defined: string[]): string {
  const guess = defined.length > 0 ? closest(name, defined) : undefined;
  const hint = guess !== undefined && guess !== name ? ` — did you mean \`${guess}\`?` : "";
  return `unknown ${what} \`${name}\`${hint} (defined: ${defined.length > 0 ? defined.join(", ") : "none"})`;
}

const servicesReferToDefinedNames: CrossCheck = (p, report, refs) => {
  const at = lookup(p, refs);
  const teams = Object.keys(p.teams);
  const rotations = Object.keys(p.rotations);
  const services = Object.keys(p.services);
  for (const s of Object.values(p.services)) {
    if (!p.teams[s.team]) report.error(at("services.yaml", ["services", s.id, "team"]), `service \`${s.id}\`: ${unknownName("team", s.team, teams)}`);
    if (!p.rotations[s.rotation]) report.error(at("services.yaml", ["services", s.id, "rotation"]), `service \`${s.id}\`: ${unknownName("rotation", s.rotation, rotations)}`);
    s.dependencies.forEach((d, i) => {
      const ref = at("services.yaml", ["services", s.id, "dependencies", i]);
      if (d === s.id) report.error(ref, `service \`${s.id}\` lists itself as a dependency`);
      else if (!p.services[d]) report.error(ref, `service \`${s.id}\`: ${unknownName("dependency", d, services)}`);
    });
  }
  const components = p.communication.statusPage.components;
  for (const id of Object.keys(components)) {
    if (!p.services[id]) report.error(at("communication.yaml", ["status_page", "components", id]), `status page component mapping: ${unknownName("service", id, services)}`);
  }
};

const severityTeamsAreAudiences: CrossCheck = (p, report, refs) => {
  const at = lookup(p, refs);
  const audiences = Object.keys(p.routing.audiences);
  for (const sev of SEVERITIES) {
    p.severities[sev].team.forEach((name, i) => {
      if (!p.routing.audiences[name]) report.error(at("severities.yaml", ["severities", sev, "team", i]), `severity ${sev}: ${unknownName("audience", name, audiences)}; audiences are defined in routing.yaml`);
    });
  }
};

const templatesAndRunbooksExist: CrossCheck = (p, report, refs) => {
  const at = lookup(p, refs);
  const templates = Object.keys(p.templates);
  for (const [event, bySeverity] of Object.entries(p.communication.templates)) {
    for (const [sev, byAudience] of Object.entries(bySeverity)) {
      for (const [audience, id] of Object.entries(byAudience)) {
        if (!p.templates[id]) report.error(at("communication.yaml", ["templates", event, sev, audience]), `${unknownName("template", id, templates)}; templates are files policies/templates/<id>.njk`);
      }
    }
  }
  if (!p.templates[p.postmortem.template]) report.error(at("postmortem.yaml", ["template"]), unknownName("template", p.postmortem.template, templates));
  const runbooks = Object.keys(p.runbooks);
  for (const pb of Object.values(p.playbooks)) {
    pb.runbooks.forEach((r, i) => {
      if (!p.runbooks[r]) report.error(at("playbooks.yaml", ["playbooks", pb.id, "runbooks", i]), `playbook \`${pb.id}\`: ${unknownName("runbook", r, runbooks)}; runbooks are files policies/runbooks/<id>.md`);
    });
    pb.actions.forEach((a, i) => {
      if (a.runbook && !p.runbooks[a.runbook]) report.error(at("playbooks.yaml", ["playbooks", pb.id, "actions", i, "runbook"]), `playbook \`${pb.id}\`: ${unknownName("runbook", a.runbook, runbooks)}`);
    });
  }
};

const zonesAndSeveritiesAreValid: CrossCheck = (p, report, refs) => {
  const at = lookup(p, refs);
  if (!IANAZone.isValidZone(p.postmortem.timeZone)) {
    report.error(at("postmortem.yaml", ["time_zone"]), `\`time_zone\` ${JSON.stringify(p.postmortem.timeZone)} is not an IANA time zone (e.g. America/Los_Angeles, Europe/Berlin, UTC)`);
  }
  const required = new Set(p.postmortem.requiredFor);
  for (const sev of SEVERITIES) {
    if (p.severities[sev].postmortemRequired && !required.has(sev)) {
      report.error(at("postmortem.yaml", ["required_for"]), `severities.yaml requires a post-mortem for ${sev}, but \`required_for\` here does not list it; keep the two in step`);
    }
  }
};

const monitoringRulesNameServices: CrossCheck = (p, report, refs) => {
  const at = lookup(p, refs);
  const services = Object.keys(p.services);
  p.monitoring.forEach((r, i) => {
    const service = r.labels.service ?? "";
    if (!p.services[service]) report.error(at("monitoring.yaml", ["rules", i, "labels", "service"]), `rule \`${r.alert}\`: ${unknownName("service", service, services)}`);
  });
};

export const coreCrossChecks: CrossCheck[] = [
  servicesReferToDefinedNames,
  severityTeamsAreAudiences,
  templatesAndRunbooksExist,
  zonesAndSeveritiesAreValid,
  monitoringRulesNameServices,
];


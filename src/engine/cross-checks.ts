// References from classification.yaml, routing.yaml and correlation.yaml to the other policy
// files, checked once every file is loaded. Each error points at the YAML that names the missing thing.
import type { CrossCheck, RefIndex, Reporter } from "../config/kinds.js";
import type { RouteNode, SourceRef } from "../config/types.js";
import { SEVERITIES } from "../config/types.js";
import { classify } from "./classify.js";

type Path = (string | number)[];

function where(refs: RefIndex, file: string, path: Path, fallback: SourceRef): SourceRef {
  return refs.doc(file)?.at(path) ?? fallback;
}

/** "team `x` is not defined in teams.yaml (known: a, b)" */
export function unknownRef(what: string, id: string, file: string, known: readonly string[]): string {
  const list = known.length ? known.slice(0, 12).join(", ") : "none";
  return `${what} \`${id}\` is not defined in ${file} (defined: ${list})`;
}

const checkRoutes: CrossCheck = (p, report, refs) => {
  const file = `${p.root}/routing.yaml`;
  const visit = (node: RouteNode, path: Path): void => {
    const at = (key: string | number, ...rest: (string | number)[]): SourceRef => where(refs, file, [...path, key, ...rest], node.source);
    if (node.team !== null && !p.teams[node.team]) report.error(at("team"), unknownRef("team", node.team, "teams.yaml", Object.keys(p.teams)));
    if (node.rotation !== null && !p.rotations[node.rotation]) report.error(at("rotation"), unknownRef("rotation", node.rotation, "oncall/rotations.yaml", Object.keys(p.rotations)));
    if (node.escalationPolicy !== null && !p.escalation.policies[node.escalationPolicy])
      report.error(at("escalation_policy"), unknownRef("escalation policy", node.escalationPolicy, "escalation.yaml", Object.keys(p.escalation.policies)));
    node.channels.forEach((c, i) => {
      if (!p.routing.channels[c]) report.error(at("channels", i), unknownRef("channel", c, "routing.yaml channels", Object.keys(p.routing.channels)));
    });
    for (const key of ["mute_time_intervals", "active_time_intervals"] as const) {
      (key === "mute_time_intervals" ? node.muteTimeIntervals : node.activeTimeIntervals).forEach((name, i) => {
        if (p.timeIntervals && !p.timeIntervals[name]) report.error(at(key, i), unknownRef("time interval", name, "time-intervals.yaml", Object.keys(p.timeIntervals)));
      });
    }
    node.routes.forEach((child, i) => visit(child, [...path, "routes", i]));
  };
  visit(p.routing.tree, ["route"]);
};

const checkNotifications: CrossCheck = (p, report, refs) => {
  const file = `${p.root}/routing.yaml`;
  const fallback: SourceRef = { file, line: 1, column: 1 };
  for (const sev of SEVERITIES) {
    const r = p.routing.bySeverity[sev];
    if (!p.severities[sev]) report.error(where(refs, file, ["by_severity", sev], fallback), `severity ${sev} is routed but not defined in severities.yaml`);
    r.channels.forEach((c, i) => {
      if (!p.routing.channels[c]) report.error(where(refs, file, ["by_severity", sev, "channels", i], fallback), unknownRef("channel", c, "routing.yaml channels", Object.keys(p.routing.channels)));
    });
    r.notify.forEach((a, i) => {
      if (!p.routing.audiences[a]) report.error(where(refs, file, ["by_severity", sev, "notify", i], fallback), unknownRef("audience", a, "routing.yaml audiences", Object.keys(p.routing.audiences)));
    });
  }
  for (const [name, parts] of Object.entries(p.routing.audiences)) {
    parts.forEach((part, i) => {
      const at = where(refs, file, ["audiences", name, i], fallback);
      if (part.kind === "team" && !p.teams[part.team]) report.error(at, unknownRef("team", part.team, "teams.yaml", Object.keys(p.teams)));
      if (part.kind === "rotation" && part.rotation !== "routed" && !p.rotations[part.rotation])
        report.error(at, unknownRef("rotation", part.rotation, "oncall/rotations.yaml", Object.keys(p.rotations)));
    });
  }
  // severities.yaml `team` lists audience names.
  const sevFile = `${p.root}/severities.yaml`;
  for (const sev of SEVERITIES) {
    p.severities[sev]?.team.forEach((a, i) => {
      if (!p.routing.audiences[a])
        report.error(where(refs, sevFile, ["severities", sev, "team", i], { file: sevFile, line: 1, column: 1 }), unknownRef("audience", a, "routing.yaml audiences", Object.keys(p.routing.audiences)));
    });
  }
};

const checkClassification: CrossCheck = (p, report, refs) => {
  const file = `${p.root}/classification.yaml`;
  p.classification.rules.forEach((rule, i) => {
    if (rule.service !== null && !p.services[rule.service]) report.error(where(refs, file, ["rules", i, "service"], rule.source), unknownRef("service", rule.service, "services.yaml", Object.keys(p.services)));
  });
};

/** Each monitoring rule's alert, with the labels it carries, must classify at the severity written in monitoring.yaml. */
const checkMonitoringSeverities: CrossCheck = (p, report) => {
  for (const rule of p.monitoring) {
    const labels = { ...rule.labels, alertname: rule.alert };
    const c = classify({ source: "alert", fingerprint: "", status: "firing", labels, annotations: rule.annotations, startsAt: "1970-01-01T00:00:00.000Z", endsAt: null, generatorURL: null }, p.classification);
    if (c.severity !== rule.severity) {
      report.error(rule.source, `monitoring rule ${rule.alert} is ${rule.severity} in monitoring.yaml but classification.yaml gives it ${c.severity} (${c.reasons[0] ?? "no rule matched"}); make them agree`);
    }
  }
};

export const engineCrossChecks: CrossCheck[] = [checkRoutes, checkNotifications, checkClassification, checkMonitoringSeverities];

export type { Reporter };

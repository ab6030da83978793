// A replay report as the markdown a pull request shows (one comment, updated in place) and
// `incident replay` prints: the summary table, the first differences linking their incidents, the
// on-call differences ahead, silences, and refused rotation changes. Labels come from alerts, so
// they are escaped (src/render/escape.ts); logins are shown without "@", so nobody is notified.
import { cell, cellCode, inline } from "../render/escape.js";
import { fitBody } from "../render/limit.js";
import { rewriteMessage } from "../oncall/changes.js";
import { formatLocal, zoneClock } from "../oncall/zone.js";
import type { Rotation } from "../config/types.js";
import type { AlertComparison, AlertOutcome, ChangeField, OnCallPair, ReplayReport } from "./types.js";

export interface RenderOptions {
  /** How the two sides are named: "main (1a2b3c4)", "this pull request". */
  base: string;
  head: string;
  /** Where an incident's link goes (its issue, else its record); none: plain ids. */
  incidentUrl?: (id: string, issue: number | null) => string | null;
  /** The head's rotations, for the messages of refused rotation changes. */
  rotations?: Readonly<Record<string, Rotation>>;
  maxDifferences?: number;
  maxOncallRows?: number;
}

const FIELD_NAMES: Record<ChangeField, string> = {
  suppression: "silenced, inhibited or muted",
  severity: "severity",
  route: "route",
  team: "team",
  rotation: "rotation",
  paged: "who is paged",
  commander: "commander",
  grouping: "grouping into incidents",
};

/** One line: what the change does, for a check run's title and the CLI's last line. */
export function replayHeadline(r: ReplayReport): string {
  const alerts = r.replayed === 0 ? "no recorded alerts to replay" : `${r.changedAlerts} of ${r.replayed} past alert${r.replayed === 1 ? "" : "s"} would be handled differently`;
  const rotations = new Set(r.oncall.differences.map((d) => d.rotation)).size;
  const oncall = rotations === 0 ? `on-call unchanged for ${r.oncall.days} days` : `on-call differs in ${rotations} rotation${rotations === 1 ? "" : "s"}`;
  const refused = r.rewrites.length > 0 ? `; ${r.rewrites.length} rotation change${r.rewrites.length === 1 ? "" : "s"} would rewrite started shifts` : "";
  return `${alerts}; ${oncall}${refused}`;
}

export function replayMarkdown(r: ReplayReport, o: RenderOptions): string {
  const lines: string[] = [];
  lines.push(`### Policy replay: ${inline(o.base)} → ${inline(o.head)}`, "", `**${inline(replayHeadline(r))}.**`, "");
  lines.push(...summary(r), "");
  lines.push(...differences(r, o), "");
  lines.push(...oncall(r, o), "");
  if (r.silences.length > 0) lines.push(...silences(r), "");
  if (r.rewrites.length > 0) lines.push(...rewrites(r, o), "");
  return fitBody(lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n");
}

function summary(r: ReplayReport): string[] {
  if (r.replayed === 0) return ["The incident records hold no alerts yet, so there is nothing to replay."];
  const span = `${short(r.from)} to ${short(r.to)}`;
  const older = r.notReplayed > 0 ? ` (${r.notReplayed} older not replayed; review.yaml \`replay.alerts\`)` : "";
  return [
    `Replayed the last ${r.replayed} alert${r.replayed === 1 ? "" : "s"} from the incident records, received ${span}${older}, each at its own time through both policy sets. Incidents: ${r.incidents.base} → ${r.incidents.head}.`,
    "",
    "| would change | alerts |",
    "|---|---:|",
    ...(Object.keys(FIELD_NAMES) as ChangeField[]).map((f) => `| ${FIELD_NAMES[f]} | ${r.counts[f]} |`),
    `| **any of these** | **${r.changedAlerts}** |`,
  ];
}

function differences(r: ReplayReport, o: RenderOptions): string[] {
  if (r.replayed === 0) return [];
  if (r.differences.length === 0) return ["Every replayed alert is handled the same way by both."];
  const max = o.maxDifferences ?? 20;
  const shown = r.differences.slice(0, max);
  return [
    `#### First differences (${shown.length} of ${r.differences.length})`,
    "",
    "| received | alert | incident | what changes |",
    "|---|---|---|---|",
    ...shown.map((d) => `| ${short(d.alert.at)} | ${alertCell(d)} | ${incidentCell(d, o)} | ${changes(d)} |`),
  ];
}

function alertCell(d: AlertComparison): string {
  const { labels } = d.alert.alert;
  const name = labels["alertname"] ?? d.alert.alert.fingerprint;
  const service = labels["service"];
  return `${cell(name, 80)}${service ? ` (${cell(service, 40)})` : ""}`;
}

function incidentCell(d: AlertComparison, o: RenderOptions): string {
  const id = d.alert.incidentId;
  const href = o.incidentUrl?.(id, d.alert.issue) ?? null;
  return href ? `[${cell(id, 60)}](${href})` : cell(id, 60);
}

const who = (logins: readonly string[]): string => (logins.length === 0 ? "nobody" : logins.map((l) => cell(l, 40)).join(", "));
const name = (v: string | null): string => (v === null ? "none" : cell(v, 60));

function changes(d: AlertComparison): string {
  const { base: b, head: h } = d;
  const parts: string[] = [];
  if (d.changed.includes("suppression")) parts.push(`${suppression(b)} → ${suppression(h)}`);
  if (d.changed.includes("severity")) parts.push(`severity ${b.severity} → ${h.severity}`);
  if (d.changed.includes("route")) parts.push(`route ${cell(b.route, 60)} → ${cell(h.route, 60)}`);
  if (d.changed.includes("team")) parts.push(`team ${name(b.team)} → ${name(h.team)}`);
  if (d.changed.includes("rotation")) parts.push(`rotation ${name(b.rotation)} → ${name(h.rotation)}`);
  if (d.changed.includes("paged")) parts.push(`paged ${who(b.paged)} → ${who(h.paged)}`);
  if (d.changed.includes("commander")) parts.push(`commander ${name(b.commander)} → ${name(h.commander)}`);
  if (d.changed.includes("grouping")) parts.push(`grouped with ${d.groupedWith.base.length} other alert(s) → ${d.groupedWith.head.length}`);
  return parts.join(" · ");
}

function suppression(o: AlertOutcome): string {
  return o.suppressed ?? (o.incident ? "opens or joins an incident" : "no incident");
}

function oncall(r: ReplayReport, o: RenderOptions): string[] {
  const head = `#### On call in the next ${r.oncall.days} days (from ${short(r.oncall.from)})`;
  if (r.oncall.differences.length === 0) return [head, "", `No rotation's primary or secondary changes (${r.oncall.rotations} compared).`];
  const max = o.maxOncallRows ?? 30;
  const pair = (p: OnCallPair | null): string => (p === null ? "no such rotation" : `${name(p.primary)} / ${name(p.secondary)}`);
  const rows = r.oncall.differences.slice(0, max).map((d) => {
    const clock = zoneClock(d.timeZone);
    const at = (ms: number): string => formatLocal(clock.toLocal(ms));
    return `| ${cell(d.rotation, 60)} | ${at(d.start)} | ${at(d.end)} | ${cell(d.timeZone, 40)} | ${pair(d.base)} | ${pair(d.head)} |`;
  });
  const more = r.oncall.differences.length > max ? [`… and ${r.oncall.differences.length - max} more stretch(es).`] : [];
  return [head, "", "| rotation | from | until | zone | before (primary / secondary) | after |", "|---|---|---|---|---|---|", ...rows, ...more];
}

function silences(r: ReplayReport): string[] {
  return [
    "#### Silences and maintenance windows",
    "",
    "| change | silence | window | owner | matches | past alerts it covers | reason |",
    "|---|---|---|---|---|---:|---|",
    ...r.silences.map((s) => `| ${s.change} | ${s.origin === "maintenance" ? "maintenance " : ""}${cell(s.id, 60)} | ${short(s.starts)} to ${short(s.ends)} | ${name(s.owner)} | ${cellCode(s.matchers, 200)} | ${s.matching} | ${cell(s.reason, 200)} |`),
  ];
}

function rewrites(r: ReplayReport, o: RenderOptions): string[] {
  return [
    "#### Rotation changes refused",
    "",
    ...r.rewrites.map((w) => {
      const rotation = o.rotations?.[w.rotation];
      return `- ${rotation ? inline(rewriteMessage(w, rotation, "the base")) : inline(`rotation ${w.rotation} would rewrite a started shift`)}`;
    }),
  ];
}

/** "2026-03-02 10:04Z" */
function short(iso: string | null): string {
  if (!iso) return "-";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

// Alertmanager configuration (already parsed with positions) → our policy data. Pure. Route trees,
// matchers (verbatim: the same grammar reads them), `match`/`match_re`, `continue`, `group_by`,
// time intervals and inhibit rules carry over exactly; receivers become channels
// (receivers.ts); notification timing, templates and global settings have no equivalent and are
// reported. Routing semantics that cannot be kept are reported as errors.
import type { PolicyDocument } from "../../config/kinds.js";
import { MatcherSyntaxError, parseMatchers } from "../../engine/matchers.js";
import { regexError } from "../../engine/regex.js";
import { importReceivers, type ImportedChannel } from "./receivers.js";
import type { ImportNote, ImportResult } from "./types.js";

type Path = (string | number)[];
type Raw = Record<string, unknown>;

const ROUTE_KEYS = new Set(["receiver", "group_by", "match", "match_re", "matchers", "continue", "routes", "mute_time_intervals", "active_time_intervals"]);
const TIMING = new Set(["group_wait", "group_interval", "repeat_interval"]);
const INHIBIT_KEYS = new Set(["source_matchers", "target_matchers", "source_match", "source_match_re", "target_match", "target_match_re", "equal"]);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Converts one Alertmanager configuration. `takenChannels` are channel ids already defined where
 * the result will go (an imported receiver never overwrites one). Never throws for bad input: every
 * problem is a note.
 */
export function convertAlertmanager(doc: PolicyDocument, takenChannels: ReadonlySet<string> = new Set()): ImportResult {
  const notes: ImportNote[] = [];
  const note = (path: Path, level: ImportNote["level"], message: string, key = false): void => void notes.push({ ...(key ? doc.keyAt(path) : doc.at(path)), level, message });
  const config: Raw = isRecord(doc.value) ? doc.value : {};
  if (!isRecord(config["route"])) note([], "error", "not an Alertmanager configuration: it has no `route`");

  for (const key of Object.keys(config)) {
    if (key === "global") note([key], "warning", "`global` settings (SMTP, API URLs, HTTP client, resolve_timeout) are not carried over: adapters read their settings from secrets", true);
    else if (key === "templates") note([key], "warning", "`templates` are not carried over: messages come from policies/templates/*.njk", true);
    else if (!["route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals"].includes(key)) note([key], "warning", `unknown top-level key \`${key}\` is not carried over`, true);
  }

  const receivers = (Array.isArray(config["receivers"]) ? config["receivers"] : []).filter(isRecord);
  const global = isRecord(config["global"]) ? config["global"] : {};
  const smtpFrom = typeof global["smtp_from"] === "string" && global["smtp_from"] !== "" ? global["smtp_from"] : null;
  const channels: ImportedChannel[] = importReceivers(receivers, new Set(takenChannels), (i, key, level, message) => note(key ? ["receivers", i, key] : ["receivers", i], level, message, key !== null), smtpFrom);
  const byReceiver = new Map(channels.map((c) => [c.receiver, c.id]));

  const timeIntervals: Raw[] = [];
  for (const key of ["mute_time_intervals", "time_intervals"] as const) {
    const list = config[key];
    if (!Array.isArray(list)) continue;
    list.filter(isRecord).forEach((t) => timeIntervals.push({ name: t["name"], time_intervals: t["time_intervals"] ?? [] }));
  }
  const intervalNames = new Set(timeIntervals.map((t) => String(t["name"])));

  const rootRaw = isRecord(config["route"]) ? config["route"] : {};
  if (!rootRaw["receiver"]) note(["route"], "error", "the root route must name a receiver (Alertmanager refuses the configuration)");
  for (const k of ["match", "match_re", "matchers"]) if (rootRaw[k] !== undefined) note(["route", k], "error", "the root route must not have matchers (Alertmanager refuses the configuration)", true);
  const ctx: RouteContext = { doc, note, byReceiver, intervalNames };
  const route = convertRoute(rootRaw, ["route"], "root", ctx);

  const inhibitRules = (Array.isArray(config["inhibit_rules"]) ? config["inhibit_rules"] : []).map((r, i) => convertInhibitRule(isRecord(r) ? r : {}, ["inhibit_rules", i], ctx));
  return { channels, route, inhibitRules, timeIntervals, notes: notes.sort((a, b) => a.line - b.line || a.column - b.column), receiverChannels: Object.fromEntries(byReceiver) };
}

interface RouteContext {
  doc: PolicyDocument;
  note: (path: Path, level: ImportNote["level"], message: string, key?: boolean) => void;
  byReceiver: ReadonlyMap<string, string>;
  intervalNames: ReadonlySet<string>;
}

function convertRoute(r: Raw, path: Path, name: string, ctx: RouteContext): Raw {
  const out: Raw = { name };
  for (const key of Object.keys(r)) {
    if (TIMING.has(key)) ctx.note([...path, key], "warning", `\`${key}\` is not carried over: an incident opens on the first alert of its group, with no notification batching or repeats`, true);
    else if (!ROUTE_KEYS.has(key)) ctx.note([...path, key], "warning", `route key \`${key}\` is not carried over`, true);
  }
  const receiver = r["receiver"];
  if (typeof receiver === "string" && receiver !== "") {
    const id = ctx.byReceiver.get(receiver);
    if (id === undefined) ctx.note([...path, "receiver"], "error", `undefined receiver "${receiver}" used in route (Alertmanager refuses the configuration)`);
    else out["channels"] = [id];
  }
  copyMatchers(r, path, out, ctx);
  if (r["continue"] === true) out["continue"] = true;
  const groupBy = r["group_by"];
  if (Array.isArray(groupBy) && groupBy.length > 0) {
    const names = groupBy.map(String);
    const bad = names.filter((n) => n !== "..." && !LABEL_NAME.test(n));
    if (bad.length) ctx.note([...path, "group_by"], "error", `group_by names ${bad.join(", ")} are not label names this importer can carry over`);
    out["group_by"] = names.filter((n) => !bad.includes(n));
    if ((out["group_by"] as string[]).length === 0) delete out["group_by"];
  }
  for (const key of ["mute_time_intervals", "active_time_intervals"] as const) {
    const list = r[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    list.forEach((n, i) => {
      if (!ctx.intervalNames.has(String(n))) ctx.note([...path, key, i], "error", `undefined time interval "${String(n)}" used in route (Alertmanager refuses the configuration)`);
    });
    out[key] = list.map(String);
  }
  const children = Array.isArray(r["routes"]) ? r["routes"].filter(isRecord) : [];
  if (children.length) {
    const taken = new Set<string>();
    out["routes"] = children.map((child, i) => {
      const base = slug(typeof child["receiver"] === "string" && child["receiver"] ? child["receiver"] : "route");
      let childName = base;
      for (let n = 2; taken.has(childName); n++) childName = `${base}-${n}`;
      taken.add(childName);
      return convertRoute(child, [...path, "routes", i], childName, ctx);
    });
  }
  return out;
}

/** `matchers`, `match` and `match_re` verbatim: the engine reads them with Alertmanager's grammar. */
function copyMatchers(r: Raw, path: Path, out: Raw, ctx: RouteContext, keys = { matchers: "matchers", match: "match", matchRe: "match_re" }, outKeys = keys): void {
  const matchers = r[keys.matchers];
  if (Array.isArray(matchers) && matchers.length > 0) {
    matchers.forEach((line, i) => {
      try {
        parseMatchers(String(line));
      } catch (e) {
        if (!(e instanceof MatcherSyntaxError)) throw e;
        ctx.note([...path, keys.matchers, i], "error", `matcher ${JSON.stringify(String(line))} does not parse: ${e.message} (Alertmanager refuses it too)`);
      }
    });
    out[outKeys.matchers] = matchers.map(String);
  }
  const match = r[keys.match];
  if (isRecord(match) && Object.keys(match).length) out[outKeys.match] = Object.fromEntries(Object.entries(match).map(([k, v]) => [k, String(v)]));
  const matchRe = r[keys.matchRe];
  if (isRecord(matchRe) && Object.keys(matchRe).length) {
    for (const [k, v] of Object.entries(matchRe)) {
      const err = regexError(String(v));
      if (err) ctx.note([...path, keys.matchRe, k], "error", `${keys.matchRe}.${k}: ${err}`);
    }
    out[outKeys.matchRe] = Object.fromEntries(Object.entries(matchRe).map(([k, v]) => [k, String(v)]));
  }
}

function convertInhibitRule(r: Raw, path: Path, ctx: RouteContext): Raw {
  const out: Raw = {};
  for (const key of Object.keys(r)) if (!INHIBIT_KEYS.has(key)) ctx.note([...path, key], "warning", `inhibit rule key \`${key}\` is not carried over`, true);
  for (const side of ["source", "target"] as const) {
    const keys = { matchers: `${side}_matchers`, match: `${side}_match`, matchRe: `${side}_match_re` };
    copyMatchers(r, path, out, ctx, keys);
  }
  if (Array.isArray(r["equal"]) && r["equal"].length) out["equal"] = r["equal"].map(String);
  return out;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "route";
}

function isRecord(v: unknown): v is Raw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// The differential against Debian's real Alertmanager: the same label sets, routed and inhibited by
// Alertmanager (started once on loopback with the configuration, every set POSTed as a firing alert
// to /api/v2/alerts, each alert's ordered `receivers` and `status.inhibitedBy` read back) and by
// this engine (the configuration imported with `incident import alertmanager`, loaded like any
// policy, alerts analysed as decide() analyses them). `amtool config routes test` answers one set per
// process start, too slow for thousands; it is used for spot checks of the server's answers.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Alert } from "../../src/alerts/types.js";
import type { Policies } from "../../src/config/types.js";
import { loadPolicyDir } from "../../src/config/index.js";
import { parsePolicyYaml } from "../../src/config/document.js";
import { routeLabels } from "../../src/engine/alert-profile.js";
import { analyser } from "../../src/engine/analyse.js";
import { inhibitor } from "../../src/engine/inhibit.js";
import { convertAlertmanager } from "../../src/import/alertmanager/convert.js";
import { existingChannelIds, importedFiles } from "../../src/import/alertmanager/write.js";
import type { LabelSet } from "./vocabulary.js";

export const ALERTMANAGER = "prometheus-alertmanager";
export const AMTOOL = "amtool";
// From the working directory (the repository root under `npm test` and `npm run bench`): the
// benchmark runs as a bundle elsewhere, where import.meta.url would mislead.
const REPO = process.cwd();
export const CONFIG = join(REPO, "examples", "alertmanager", "alertmanager.yml");

export const available = (): boolean => spawnSync(ALERTMANAGER, ["--version"]).status === 0 && spawnSync(AMTOOL, ["--version"]).status === 0;

/** What a router says about one label set: the ordered receiver names, and whether it is inhibited. */
export interface Verdict {
  receivers: string[];
  inhibited: boolean;
}

/** The shipped policies with the example configuration imported into them, loaded. */
export async function importedPolicies(configPath = CONFIG): Promise<{ policies: Policies; channelToReceiver: Map<string, string> }> {
  const root = mkdtempSync(join(tmpdir(), "iac-am-import-"));
  cpSync(join(REPO, "policies"), join(root, "policies"), { recursive: true });
  const doc = parsePolicyYaml(configPath, readFileSync(configPath, "utf8")).doc;
  if (!doc) throw new Error(`${configPath} does not parse`);
  const routing = readFileSync(join(root, "policies", "routing.yaml"), "utf8");
  const result = convertAlertmanager(doc, existingChannelIds(routing));
  for (const [name, text] of Object.entries(importedFiles(result, routing, "alertmanager.yml"))) writeFileSync(join(root, "policies", name), text);
  const loaded = await loadPolicyDir(root);
  if (!loaded.policies) throw new Error(`imported policies do not load: ${JSON.stringify(loaded.issues.filter((i) => i.level === "error"))}`);
  return { policies: loaded.policies, channelToReceiver: new Map(Object.entries(result.receiverChannels).map(([r, c]) => [c, r])) };
}

const asAlert = (labels: LabelSet, i: number): Alert => ({ source: "alertmanager", fingerprint: `set-${i}`, status: "firing", labels, annotations: {}, startsAt: "2026-03-02T10:00:00.000Z", endsAt: null, generatorURL: null });

/** This engine's verdicts, every set being a firing alert at once (so each may inhibit the others). */
export function ourVerdicts(policies: Policies, channelToReceiver: ReadonlyMap<string, string>, sets: readonly LabelSet[]): Verdict[] {
  const analyse = analyser(policies);
  const analysed = sets.map((s, i) => analyse(asAlert(s, i)));
  const views = analysed.map((a) => routeLabels(a.alert.labels, a.classification));
  const inhibitedBy = inhibitor(policies.inhibitRules, views.map((labels, i) => ({ labels, describe: `set ${i}` })));
  return analysed.map((a, i) => ({
    receivers: a.route.matched.map((m) => channelToReceiver.get(m.settings.channels[0] ?? "") ?? `?${m.settings.channels.join("+")}`),
    inhibited: inhibitedBy(views[i] as LabelSet) !== null,
  }));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface RunningAlertmanager {
  url: string;
  stop(): Promise<void>;
}

/** Starts the real Alertmanager on loopback with `configPath`; resolves once it is ready. */
export async function startAlertmanager(configPath = CONFIG): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), "iac-am-diff-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(ALERTMANAGER, [`--config.file=${configPath}`, `--storage.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="], { stdio: "ignore" });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill();
    });
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${ALERTMANAGER} exited with ${child.exitCode}`);
    if (await fetch(`${url}/-/ready`).then((r) => r.ok).catch(() => false)) return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`${ALERTMANAGER} did not become ready within 60 s`);
}

interface GettableAlert {
  labels: Record<string, string>;
  receivers: { name: string }[];
  status: { inhibitedBy: string[] };
}

/**
 * Alertmanager's verdicts. Every set gets a `case` label (no route or rule mentions it) so the
 * answers can be matched back. Inhibition is evaluated as alerts are read, against the sources
 * the inhibitor has learnt of so far; it learns of alerts asynchronously but in the order they
 * were posted. So a sentinel pair is posted after the sets (a NodeDown source and a target of the
 * example configuration's node-down rule, on an instance no set has): once the target reads as
 * inhibited, the inhibitor has seen every set.
 */
export async function alertmanagerVerdicts(am: RunningAlertmanager, sets: readonly LabelSet[]): Promise<Verdict[]> {
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const post = async (alerts: { labels: LabelSet }[]): Promise<void> => {
    const res = await fetch(`${am.url}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(alerts.map((a) => ({ ...a, startsAt, endsAt }))) });
    if (!res.ok) throw new Error(`POST /api/v2/alerts: ${res.status} ${await res.text()}`);
  };
  await post(sets.map((labels, i) => ({ labels: { ...labels, case: String(i) } })));
  await post([{ labels: { alertname: "NodeDown", instance: "sentinel.invalid", case: "sentinel-source" } }]);
  await post([{ labels: { alertname: "SentinelTarget", instance: "sentinel.invalid", case: "sentinel-target" } }]);
  const end = Date.now() + 240_000;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(`${am.url}/api/v2/alerts`);
    if (!res.ok) throw new Error(`GET /api/v2/alerts: ${res.status}`);
    const alerts = (await res.json()) as GettableAlert[];
    const byCase = new Map(alerts.map((a) => [a.labels["case"], a]));
    if (!byCase.get("sentinel-target")?.status.inhibitedBy.length) continue;
    return sets.map((_, i) => {
      const a = byCase.get(String(i));
      if (!a) throw new Error(`Alertmanager lost the alert of set ${i}`);
      return { receivers: a.receivers.map((r) => r.name), inhibited: a.status.inhibitedBy.length > 0 };
    });
  }
  throw new Error(`Alertmanager's inhibitor did not catch up with ${sets.length} alerts within 240 s`);
}

/** `amtool config routes test` for one set: the receivers in order. Values are quoted as its parser reads them. */
export function amtoolReceivers(set: LabelSet, configPath = CONFIG): Promise<string[]> {
  const args = ["config", "routes", "test", `--config.file=${configPath}`, ...Object.entries(set).map(([k, v]) => `${k}="${v.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`)];
  return new Promise((resolve, reject) => {
    const child = spawn(AMTOOL, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out.trim().split(",")) : reject(new Error(`amtool exited ${code}: ${err}`))));
  });
}

export interface Agreement {
  sets: number;
  routes: number; // sets whose ordered receiver lists agree
  inhibition: number; // sets whose inhibition agrees
  both: number;
  disagreements: { set: LabelSet; ours: Verdict; theirs: Verdict }[];
}

export function compare(sets: readonly LabelSet[], ours: readonly Verdict[], theirs: readonly Verdict[]): Agreement {
  const a: Agreement = { sets: sets.length, routes: 0, inhibition: 0, both: 0, disagreements: [] };
  sets.forEach((set, i) => {
    const o = ours[i] as Verdict;
    const t = theirs[i] as Verdict;
    const routes = JSON.stringify(o.receivers) === JSON.stringify(t.receivers);
    const inhibition = o.inhibited === t.inhibited;
    if (routes) a.routes++;
    if (inhibition) a.inhibition++;
    if (routes && inhibition) a.both++;
    else a.disagreements.push({ set, ours: o, theirs: t });
  });
  return a;
}

// Real Prometheus Alertmanager (Debian's prometheus-alertmanager, 0.25: too old to set its webhook
// body) sends real webhooks through `incident relay` to the GitHub emulator's dispatch endpoint;
// the dispatched events then run the Action. Firing opens the incident, resolving resolves it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/client.js";
import { octokitPort } from "../../src/github/port.js";
import { startRelay, type Relay } from "../../src/relay/relay.js";
import { world, type World } from "./harness.js";
import { record } from "./incident-events.js";
import { webhookExample } from "./webhook-examples.js";

const BINARY = "prometheus-alertmanager";
const available = spawnSync(BINARY, ["--version"]).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => T | undefined, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(available)("with a real Alertmanager", () => {
  let w: World;
  let relay: Relay;
  let am: ChildProcess;
  let api = "";

  beforeAll(async () => {
    w = await world();
    const github = octokitPort(createOctokit("ghs_relay", { baseUrl: w.gh.url }), { owner: "acme", repo: "ops" });
    relay = await startRelay({ host: "127.0.0.1", port: 0, dispatch: (type, payload) => github.dispatch(type, payload) });
    const dir = mkdtempSync(join(tmpdir(), "iac-am-"));
    writeFileSync(
      join(dir, "alertmanager.yml"),
      [
        "route:",
        "  receiver: incident-as-code",
        "  group_by: [alertname, service]",
        "  group_wait: 1s",
        "  group_interval: 2s",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: incident-as-code",
        "    webhook_configs:",
        `      - url: ${relay.url}/alertmanager`,
        "        send_resolved: true",
        "",
      ].join("\n"),
    );
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    am = spawn(BINARY, [`--config.file=${join(dir, "alertmanager.yml")}`, `--storage.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address="], { stdio: "ignore" });
    const end = Date.now() + 90_000;
    while (Date.now() < end) {
      const ok = await fetch(`${api}/-/ready`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    am?.kill();
    await relay?.close();
    expect(w.gh.violations).toEqual([]);
    await w?.close();
  });

  const alert = { labels: { alertname: "HighErrorRate", service: "api", component: "http", error_type: "error_rate", severity: "critical", instance: "api-1:9090" }, annotations: { summary: "5xx rate is 0.4 per second" } };
  const post = (body: unknown) => fetch(`${api}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const runDispatch = (i: number) => {
    const d = w.gh.state.dispatches[i];
    if (!d) throw new Error("no dispatch");
    return w.act("repository_dispatch", { ...webhookExample("repository_dispatch"), action: d.eventType, client_payload: d.clientPayload });
  };

  it("opens an incident from Alertmanager's own webhook", async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    expect((await post([{ ...alert, startsAt }])).ok).toBe(true);
    await until("the firing notification", () => (w.gh.state.dispatches.length > 0 ? true : undefined));
    const run = await runDispatch(0);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.decision).toBe("opened");
    const r = record(w);
    expect(r).toMatchObject({ severity: "P1", service: "api", groupKey: "api:http:error_rate" });
    // The fingerprint is Alertmanager's own, as its webhook sends it.
    expect(r.alerts[0]?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("resolves it when Alertmanager sends the resolved notification", async () => {
    const fired = record(w).alerts[0];
    expect((await post([{ ...alert, startsAt: fired?.startsAt, endsAt: new Date(Date.now() - 1_000).toISOString() }])).ok).toBe(true);
    const index = await until("the resolved notification", () => {
      const i = w.gh.state.dispatches.findIndex((d) => (d.clientPayload as { payload?: { status?: string } }).payload?.status === "resolved");
      return i >= 0 ? i : undefined;
    });
    const run = await runDispatch(index);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(record(w).status).toMatch(/resolved|postmortem/);
    expect(record(w).alerts.map((a) => a.status)).toEqual(["resolved"]);
  });
});

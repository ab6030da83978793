// `incident simulate` prints exactly what the Action executes: every event of the demo goes through
// the Action (dist/index.js) and, on a checkout of the records as they were just before, through
// `incident simulate --json` (dist/cli.js) with the same time, run id and seed — the two Plans must
// be equal, rendered issue bodies and notifications included, and the Action must have executed
// each effect of it.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/plan.js";
import type { Applied } from "../../src/plan/log.js";
import { DEMO_STEPS } from "./demo-events.js";
import { world } from "./harness.js";

const CLI = resolve("dist/cli.js");
const SEED = "demo-seed";

describe("incident simulate --json, the demo's events", () => {
  it("equals the Plan the Action executed, for each event", async () => {
    const w = await world();
    try {
      let n = 0;
      for (const step of DEMO_STEPS) {
        const runId = String(5000 + ++n);
        const before = join(mkdtempSync(join(w.dir, "before-")), "checkout");
        execFileSync("git", ["clone", "-q", w.remote, before]);
        const event = step.event(w);
        const run = await w.act(step.eventName, event, { runId, env: { INCIDENT_AS_CODE_SEED: SEED } });
        expect(run.code, `${step.title}: ${run.stderr}${run.stdout}`).toBe(0);
        const acted = JSON.parse(run.outputs.plan ?? "{}") as Plan & { executed: Applied[] };

        const file = join(before, "..", "event.json");
        writeFileSync(file, JSON.stringify(event));
        const args = ["simulate", file, "--json", "--dir", before, "--at", acted.now, "--run-id", runId, "--seed", SEED, ...(step.role ? ["--role", step.role] : [])];
        const sim = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, INCIDENT_AS_CODE_SEED: "" } });
        expect(sim.status, `${step.title}: ${sim.stderr}`).toBe(0);
        const simulated = JSON.parse(sim.stdout) as Plan;

        expect({ door: simulated.door, decision: simulated.decision, reason: simulated.reason, incidentIds: simulated.incidentIds }, step.title).toEqual({ door: acted.door, decision: acted.decision, reason: acted.reason, incidentIds: acted.incidentIds });
        expect(simulated.effects, step.title).toEqual(acted.effects);
        // Executed in the Plan's order (follow-ups — a settle's writes, a post-mortem — come in between).
        const done = acted.executed.map((a) => `${a.kind}: ${a.reason}`);
        let at = 0;
        for (const e of acted.effects) {
          const found = done.indexOf(`${e.kind}: ${e.reason}`, at);
          expect(found, `${step.title}: ${e.kind} (${e.reason}) was not executed`).toBeGreaterThanOrEqual(0);
          at = found + 1;
        }
      }
      expect(w.gh.violations).toEqual([]);
    } finally {
      await w.close();
    }
  }, 600_000);
});

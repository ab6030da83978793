import { it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { shippedPolicies } from "../engine/fixtures.js";
import { buildSite } from "../../src/site/index.js";
import { fixturePostmortems, fixtureRecords, NOW, withMaintenance } from "../../src/site/testing/history.js";
it("builds", async () => {
  const t = Date.now();
  const r = await buildSite({ policies: withMaintenance(shippedPolicies()), records: fixtureRecords(), postmortems: fixturePostmortems(), now: NOW, repoUrl: "https://github.com/acme/ops" });
  console.log(Date.now() - t, r.warnings, r.files.map((f) => `${f.path} ${f.content.length}`));
  for (const f of r.files) { const p = join(".tmp/site", f.path); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, f.content); }
}, 60000);

// `npm run demo`: the whole pipeline on one machine, no GitHub account needed. Starts the GitHub
// API emulator and a bare git remote on disk, sends the example alerts through the real Action
// entry (dist/index.js, run as a runner runs it), and prints the issues and records it produced.
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { dispatchEvent, example, world, type World } from "../test/e2e/harness.js";
import { commentEvent } from "../test/e2e/incident-events.js";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" });
const rule = (title: string) => console.log(`\n${"═".repeat(100)}\n${title}\n${"═".repeat(100)}`);

async function step(w: World, title: string, eventName: string, payload: unknown): Promise<void> {
  rule(title);
  const run = await w.act(eventName, payload);
  console.log(`exit ${run.code} · decision: ${run.outputs.decision ?? "?"} · incidents: ${run.outputs["incident-ids"] || "none"}`);
  console.log(`reason: ${run.outputs.reason ?? ""}`);
  if (run.code !== 0) console.log(run.stdout.slice(-2000), run.stderr.slice(-2000));
}

function show(w: World): void {
  for (const issue of w.gh.state.issues.filter((i) => !i.pull)) {
    rule(`Issue #${issue.number} (${issue.state}): ${issue.title}`);
    console.log(`labels:    ${issue.labels.join(", ")}`);
    console.log(`assignees: ${issue.assignees.join(", ") || "none"}`);
    console.log(`\n${issue.body}`);
    for (const c of w.gh.state.comments.filter((c) => c.issueNumber === issue.number)) console.log(`\n--- comment by ${c.user} ---\n${c.body}`);
  }
  for (const [path, text] of Object.entries(w.remoteFiles())) {
    const r = parse(text) as { id: string; severity: string; status: string; alerts: unknown[]; timeline: unknown[] };
    rule(`Record ${path}: ${r.severity} ${r.status}, ${r.alerts.length} alert(s), ${r.timeline.length} timeline entries`);
    console.log(text);
  }
  for (const pr of w.gh.state.pulls) {
    rule(`Pull request #${pr.number}: ${pr.title}`);
    console.log(`reviewers requested: ${pr.pull?.requestedReviewers.join(", ") || "none"}\n\n${pr.body}`);
    // The rendered post-mortem, as committed on the pull request's branch in the bare remote.
    const branch = pr.pull?.head.ref ?? "";
    const files = git(w.remote, "ls-tree", "-r", "--name-only", branch, "--", "postmortems").split("\n").filter((f) => f.endsWith(".md"));
    for (const f of files) console.log(`\n--- ${f} on ${branch} ---\n${git(w.remote, "show", `${branch}:${f}`)}`);
  }
  console.log(`\nGitHub API requests: ${w.gh.requests.length}, contract violations: ${w.gh.violations.length}`);
  for (const v of w.gh.violations) console.log(`  violation: ${v.method} ${v.path}: ${v.message}`);
}

/** The status page, dashboard and feeds from the demo's records, built by the real CLI (`incident site`). */
function site(w: World): void {
  const checkout = join(w.dir, "site-checkout");
  git(w.dir, "clone", "-q", w.remote, checkout);
  const out = join(tmpdir(), "incident-as-code-demo-site");
  rule(`incident site: the status page and dashboard from these records → ${out}`);
  console.log(execFileSync(process.execPath, ["dist/cli.js", "site", "--dir", checkout, "--out", out, "--repo", "acme/ops"], { encoding: "utf8" }).trim());
  console.log(`Open file://${out}/index.html and file://${out}/dashboard.html in a browser (serve the folder over HTTP to see the status page refresh itself).`);
}

// The examples are dated 2026-03-02 around 10:00 UTC; move them to just now, keeping their spacing.
const delta = Date.now() - 60_000 - Date.parse("2026-03-02T10:00:00Z");
function recent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(recent);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, (k === "startsAt" || k === "endsAt") && typeof v === "string" && !v.startsWith("0001") ? new Date(Date.parse(v) + delta).toISOString() : recent(v)]),
  );
}
const alert = (name: string) => recent(example(name));

const w = await world();
try {
  await step(w, "Alertmanager: ServiceDown (P0 monitoring rule)", "repository_dispatch", dispatchEvent("alertmanager", alert("service-down.json")));
  await step(w, "Alertmanager: HighErrorRate on two instances (P1)", "repository_dispatch", dispatchEvent("alertmanager", alert("high-error-rate.json")));
  await step(w, "The same HighErrorRate notification again (re-sent: nothing changes)", "repository_dispatch", dispatchEvent("alertmanager", alert("high-error-rate.json")));
  await step(w, "Grafana: an alert for the auth service", "repository_dispatch", dispatchEvent("grafana", alert("grafana.json")));
  await step(w, "Alertmanager: HighErrorRate resolved", "repository_dispatch", dispatchEvent("alertmanager", alert("resolved.json")));
  // Responders drive the P0 from its issue, one comment at a time.
  const p0 = w.gh.state.issues[0]?.number ?? 1;
  const say = (login: string, body: string) => step(w, `${login} comments on #${p0}: ${body.replace(/\n/g, " ⏎ ")}`, "issue_comment", commentEvent(w, p0, body, login).event);
  await say("rita-reader", "/resolve it works for me");
  await say("bob-example", "/ack\n/status investigating");
  await say("frank-example", "/update Failing over the API to the standby region");
  await say("frank-example", "/timeline Standby healthy, traffic shifted\n/rootcause deployment: a bad config in the v42 rollout took the API down\n/impact users=12000 revenue=\"$8k\" sla=breached");
  await say("frank-example", "/resolve API serving from the standby region");
  show(w);
  site(w);
  process.exitCode = w.gh.violations.length > 0 ? 1 : 0;
} finally {
  await w.close();
}

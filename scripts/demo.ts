// `npm run demo`: the whole pipeline on one machine, no GitHub account needed. Starts the GitHub
// API emulator and a bare git remote on disk, sends the example alerts through the real Action
// entry (dist/index.js, run as a runner runs it), and prints the issues and records it produced and
// what each notification channel received: every secret of policies/routing.yaml points at a
// loopback receiver (HTTP for PagerDuty, Slack, Teams, the signed webhook and the phone bridge; SMTP
// for e-mail).
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { startChannelReceivers, type ChannelReceivers, type HttpChannel } from "../test/e2e/channel-receivers.js";
import { DEMO_STEPS } from "../test/e2e/demo-events.js";
import { world, type World } from "../test/e2e/harness.js";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" });
const rule = (title: string) => console.log(`\n${"═".repeat(100)}\n${title}\n${"═".repeat(100)}`);

async function step(w: World, rx: ChannelReceivers, title: string, eventName: string, payload: unknown): Promise<void> {
  rule(title);
  const run = await w.act(eventName, payload, { env: rx.env });
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

/** What reached people outside GitHub, channel by channel, as each receiver got it. */
function notifications(rx: ChannelReceivers): void {
  const channels: HttpChannel[] = ["pagerduty", "slack-incidents", "slack-team", "teams-leadership", "incident-webhook", "phone-call"];
  for (const channel of channels) {
    const got = rx.http(channel);
    rule(`Channel ${channel}: ${got.length} message(s)`);
    for (const m of got) console.log(`${m.method} ${m.path.replace(/[A-Za-z0-9]{12,}$/, "…")} → ${m.status}\n${JSON.stringify(JSON.parse(m.body), null, 2)}\n`);
  }
  rule(`Channel email: ${rx.mail().length} message(s)`);
  for (const m of rx.mail()) console.log(`MAIL FROM ${m.from} RCPT TO ${m.to.join(", ")}\n${m.raw.split(/\r?\n\r?\n/)[0] ?? ""}\n`);
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

const rx = await startChannelReceivers();
const w = await world({}, (seed) => rx.seed(seed));
try {
  // The example alerts, then responders driving the P0 from its issue, one comment at a time.
  for (const s of DEMO_STEPS) await step(w, rx, s.title, s.eventName, s.event(w));
  show(w);
  notifications(rx);
  site(w);
  process.exitCode = w.gh.violations.length > 0 ? 1 : 0;
} finally {
  await w.close();
  await rx.close();
}

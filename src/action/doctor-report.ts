// The Action's validate mode also runs `incident doctor` with the workflow's token: its findings go
// to the job summary and as warnings, so a set-up problem (a missing label, the pull-request
// setting) shows on the policy pull request. They do not fail the step: a policy change should not
// be blocked by a repository setting, and the workflow's token cannot read some settings at all.
import * as core from "@actions/core";
import type { Policies } from "../config/types.js";
import { formatDoctor, runDoctor, type CheckLine } from "../doctor/checks.js";
import { octokitDoctorPort } from "../doctor/port.js";
import { readWorkflows } from "../cli/doctor.js";
import type { Octokit } from "../github/client.js";

export interface DoctorRunInput {
  octokit: Octokit;
  repo: { owner: string; repo: string };
  policies: Policies;
  workspace: string;
  recordsBranch: string | null;
}

/** Runs the doctor and reports it; a GitHub failure of the doctor itself is a warning too. */
export async function reportDoctor(input: DoctorRunInput): Promise<CheckLine[]> {
  let lines: CheckLine[];
  try {
    lines = await runDoctor({
      port: octokitDoctorPort(input.octokit, input.repo),
      policies: input.policies,
      repo: `${input.repo.owner}/${input.repo.repo}`,
      workflows: await readWorkflows(input.workspace),
      recordsBranch: input.recordsBranch,
      createLabels: true,
    });
  } catch (e) {
    core.warning(`incident doctor could not run: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  core.info(formatDoctor(lines));
  for (const l of lines.filter((x) => x.status === "fail")) core.warning(`${l.message}${l.fix ? ` — fix: ${l.fix}` : ""}`, { title: `incident doctor: ${l.check}` });
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  await core.summary
    .addHeading("Set-up (incident doctor)", 3)
    .addTable([
      [
        { data: "Check", header: true },
        { data: "Result", header: true },
        { data: "Details", header: true },
        { data: "Fix", header: true },
      ],
      ...lines.map((l) => [l.check, l.status, esc(l.message), esc(l.status === "pass" ? "" : (l.fix ?? ""))]),
    ])
    .write();
  return lines;
}

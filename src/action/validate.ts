// The Action's `command: validate`: the policies' problems as annotations and a job summary, and —
// since the Action has a token — every rotation member GitHub would refuse as an assignee (left the
// organisation, not a collaborator; annotated on the rotation's file and line: such a person would
// be paged but not assigned), then `incident doctor`'s checks of the repository's set-up. With git
// at hand it reviews the change too (policy-review.ts): on a pull request the policy replay, its
// comment and check run; on a push the rotation-history check.
import * as core from "@actions/core";
import type { CompileResult } from "../config/index.js";
import { createOctokit, writeSpacingFromEnv } from "../github/client.js";
import { octokitPort } from "../github/port.js";
import { rotationMembers } from "../incident/authz.js";
import type { EventPayload } from "../incident/doors/webhook.js";
import { RunFailure, type ActionInputs } from "./contract.js";
import { reportDoctor } from "./doctor-report.js";
import { reviewPolicyChange } from "./policy-review.js";
import { reportPolicyIssues } from "./report-policy.js";

export interface ValidateEvent {
  eventName: string;
  payload: EventPayload;
  workspace: string;
  /** The run's clock reading, epoch ms. */
  now: number;
}

export async function validateMode(result: CompileResult, inputs: ActionInputs, env: NodeJS.ProcessEnv, event: ValidateEvent): Promise<void> {
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const spacing = writeSpacingFromEnv(env);
  const octokit = inputs.githubToken && owner && repo ? createOctokit(inputs.githubToken, { ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), ...(spacing !== undefined ? { writeSpacingMs: spacing } : {}), log: (m: string) => core.info(m) }) : null;
  if (result.policies && octokit) {
    const github = octokitPort(octokit, { owner, repo });
    const rotations = Object.values(result.policies.rotations);
    for (const login of rotationMembers(result.policies)) {
      if (await github.assignable(login)) continue;
      const where = rotations.find((r) => rotationMembers({ rotations: { [r.id]: r } }).includes(login))?.source ?? { file: `${inputs.policies}/oncall/rotations.yaml`, line: 1, column: 1 };
      result.issues.push({ level: "warning", file: where.file, line: where.line, column: where.column, message: `${login} is in a rotation but GitHub does not accept them as an assignee of ${owner}/${repo} (not a collaborator, or left the organisation): they would be paged but not assigned` });
    }
  }
  const checked = await reviewPolicyChange(result, {
    ...event,
    policiesDir: inputs.policies,
    recordsBranch: inputs.recordsBranch,
    github: octokit ? { octokit, repo: { owner, repo }, ...(env.GITHUB_SERVER_URL ? { serverUrl: env.GITHUB_SERVER_URL } : {}) } : null,
  });
  await reportPolicyIssues(checked);
  core.setOutput("decision", checked.policies ? "policies-valid" : "policies-invalid");
  if (!checked.policies || !result.policies) throw new RunFailure("the policies have errors; see the annotations and the job summary");
  // The repository's set-up, checked with the workflow's token (findings are warnings).
  if (octokit) await reportDoctor({ octokit, repo: { owner, repo }, policies: result.policies, workspace: event.workspace, recordsBranch: inputs.recordsBranch });
}

// After the claiming run creates an issue, the record learns its number (pushed like any change).
// Other runs may have appended alerts meanwhile; if so the issue body is refreshed once.
import type { GitHubEffect } from "../../github/effects.js";
import { execute } from "../../github/executor.js";
import { recordPath, serializeRecord } from "../../incident/codec.js";
import { mergeLabels } from "../../incident/labels.js";
import type { IncidentRecord } from "../../incident/record.js";
import { commitMessage } from "../../store/commit-message.js";
import { transact } from "../../store/transaction.js";
import type { RunContext } from "../context.js";
import { issueBody, issueTitle } from "./incident-issue.js";

/** `rendered`: each record as it was when its issue was created from it. */
export async function linkIssues(ctx: RunContext, issues: ReadonlyMap<string, number>, rendered: readonly IncidentRecord[], labels: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (issues.size === 0) return;
  const { result: linked } = await transact(
    ctx.store,
    (records) => {
      const changed: IncidentRecord[] = [];
      for (const [id, number] of issues) {
        const r = records.get(id);
        if (r && r.links.issue === null) changed.push({ ...r, links: { ...r.links, issue: number } });
      }
      return {
        changes: changed.map((r) => ({ path: recordPath(r.id), content: serializeRecord(r) })),
        message: commitMessage(changed.length > 0 ? changed.map((r) => ({ id: r.id, action: "update" as const })) : [{ id: "unprocessed", action: "update" }]),
        result: changed,
      };
    },
    ctx.transactOptions,
  );
  const at = ctx.now();
  const view = { policies: ctx.policies, now: () => at };
  const refresh: GitHubEffect[] = [];
  for (const r of linked) {
    const before = rendered.find((x) => x.id === r.id);
    const number = r.links.issue;
    if (!before || number === null) continue;
    // Compare as stored: a record read back from YAML has sorted maps, so compare serialised forms.
    if (serializeRecord({ ...before, links: r.links }) === serializeRecord(r)) continue;
    refresh.push({ kind: "issue.update", incidentId: r.id, issue: number, title: issueTitle(r), body: issueBody(r, view), labels: mergeLabels(labels.get(r.id) ?? [], r), reason: `bring #${number} up to date with ${r.id}` });
  }
  await execute(ctx.github, refresh);
}

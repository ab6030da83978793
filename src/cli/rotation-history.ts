// The part of `incident validate` that needs git: compare oncall/rotations.yaml with its previous
// committed version and refuse a change that rewrites shifts that had started (src/oncall/changes.ts).
// Which previous version: `--against REF` (a pull request's base) compared at the current time; else
// a working-tree edit is compared with HEAD at the current time, and a committed one with the
// commit before it, at the time it was committed. With `fix`, the file is rewritten so each such
// change takes effect at the next handoff (src/oncall/defer-change.ts).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { compileWith } from "../config/compile.js";
import type { PolicyIssue } from "../config/kinds.js";
import { registry } from "../config/registry.js";
import type { Rotation } from "../config/types.js";
import { rewriteMessage, rotationRewrites } from "../oncall/changes.js";
import { deferChanges } from "../oncall/defer-change.js";
import { rotationsKind } from "../oncall/kinds.js";
import { isoIn } from "../oncall/zone.js";
import { changedSinceHead, commitTime, fileAt, GitRefError, isGitWorkTree, lastCommitTouching, parentOf, resolveCommit } from "../store/at-ref.js";

export interface HistoryOptions {
  /** Repository root (the CLI's --dir) and the policies directory under it. */
  dir: string;
  policiesDir: string;
  /** Compare with this ref instead of the previous committed version. */
  against?: string;
  now: number;
  fix: boolean;
}

export interface HistoryResult {
  issues: PolicyIssue[];
  /** Why nothing was compared, or what was compared with: one line for the user. */
  note: string;
  /** Rotations whose change --fix deferred to the next handoff. */
  fixed: string[];
}

const rotationsOnly = { kinds: [rotationsKind], crossChecks: [], schemas: registry.schemas };

/** The rotations of one version of the file, or null when it does not load on its own. */
export function rotationsOf(text: string, file: string, root: string): Record<string, Rotation> | null {
  return compileWith(rotationsOnly, { [file]: text }, { root }).policies?.rotations ?? null;
}

/** Throws GitRefError when `against` does not resolve. */
export async function checkRotationHistory(opts: HistoryOptions): Promise<HistoryResult> {
  const file = `${opts.policiesDir}/oncall/rotations.yaml`;
  const done = (note: string): HistoryResult => ({ issues: [], note, fixed: [] });
  if (!(await isGitWorkTree(opts.dir))) {
    if (opts.against) throw new GitRefError(`--against ${opts.against}: ${opts.dir} is not in a git work tree`);
    return done(`rotation history not checked: ${opts.dir} is not in a git work tree`);
  }
  let base: string | null;
  let changedAt = opts.now;
  let against: string;
  if (opts.against) {
    base = await resolveCommit(opts.dir, opts.against);
    against = opts.against;
  } else if (await changedSinceHead(opts.dir, file)) {
    base = await resolveCommit(opts.dir, "HEAD").catch(() => null);
    against = "HEAD";
  } else {
    const last = await lastCommitTouching(opts.dir, file);
    base = last ? await parentOf(opts.dir, last) : null;
    if (last) changedAt = await commitTime(opts.dir, last);
    against = last ? `the version before ${last.slice(0, 12)}, as of when that commit was made` : "";
  }
  if (!base) return done(`rotation history not checked: ${file} has no earlier committed version`);
  const previous = await fileAt(opts.dir, base, file);
  if (previous === null) return done(`rotation history not checked: ${file} is new since ${against}`);
  let current: string;
  try {
    current = await readFile(join(opts.dir, file), "utf8");
  } catch {
    return done(`rotation history not checked: ${file} cannot be read`);
  }
  const before = rotationsOf(previous, file, opts.policiesDir);
  const after = rotationsOf(current, file, opts.policiesDir);
  if (!before) return done(`rotation history not checked: ${file} at ${against} does not load`);
  if (!after) return done(`rotation history not checked: ${file} has errors (reported above)`);
  const rewrites = rotationRewrites(before, after, changedAt);
  const compared = `rotation history compared with ${against} at ${new Date(changedAt).toISOString()}`;
  if (rewrites.length === 0) return done(compared);
  if (opts.fix) {
    const deferrals = rewrites.map((r) => {
      const rotation = after[r.rotation] as Rotation;
      const wanted = Date.parse(rotation.effectiveFrom);
      const at = Math.max(wanted, r.nextHandoff);
      const availability = (x: Rotation): string => JSON.stringify(Object.entries(x.members).map(([k, m]) => [k, m.availability]));
      return { rotation: r.rotation, effectiveFrom: isoIn(at, rotation.timeZone), withMembers: availability(before[r.rotation] as Rotation) !== availability(rotation) };
    });
    await writeFile(join(opts.dir, file), deferChanges(current, previous, deferrals));
    return { issues: [], note: `${compared}; deferred to the next handoff: ${deferrals.map((d) => `${d.rotation} from ${d.effectiveFrom}`).join(", ")}`, fixed: deferrals.map((d) => d.rotation) };
  }
  const issues = rewrites.map((r): PolicyIssue => {
    const rotation = after[r.rotation] as Rotation;
    return { level: "error", ...rotation.source, message: rewriteMessage(r, rotation, against) };
  });
  return { issues, note: compared, fixed: [] };
}

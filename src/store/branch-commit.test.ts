// commitToBranch and branchDeletes against real git: a bare remote, the Action's clone, and a
// person's clone pushing to the same branches.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { branchDeletes, commitToBranch, type BranchRepo } from "./branch.js";
import { cloneWorker, git, makeRemote, remoteFiles, type Remote } from "./testing/git-fixture.js";

let remote: Remote;
let repo: BranchRepo;
let person: string;
const BRANCH = "incident-as-code/expired-silences";
const files = (branch: string) => remoteFiles(remote, branch, "policies/");

function commitOnMain(add: Record<string, string>, remove: string[] = []): void {
  git(person, "checkout", "--quiet", "main");
  git(person, "pull", "--quiet", "origin", "main");
  for (const [path, text] of Object.entries(add)) {
    mkdirSync(join(person, path, ".."), { recursive: true });
    writeFileSync(join(person, path), text);
  }
  for (const path of remove) git(person, "rm", "--quiet", path);
  git(person, "add", "-A");
  git(person, "commit", "--quiet", "-m", "policies");
  git(person, "push", "--quiet", "origin", "main");
}

beforeEach(() => {
  remote = makeRemote();
  person = cloneWorker(remote, "person");
  commitOnMain({ "policies/silences/a.yaml": "a\n", "policies/silences/b.yaml": "b\n", "policies/routing.yaml": "r\n" });
  repo = { dir: cloneWorker(remote, "action"), remote: "origin" };
});
afterEach(() => remote.cleanup());

const commit = (deletions: string[]) => commitToBranch(repo, { branch: BRANCH, base: "main", deletions, message: "Remove expired silences: a" });

describe("commitToBranch", () => {
  it("creates the branch from the base without the files, and does nothing the second time", async () => {
    expect(await branchDeletes(repo, BRANCH, "main", ["policies/silences/a.yaml"])).toBeNull();
    const made = await commit(["policies/silences/a.yaml", "policies/silences/gone.yaml"]);
    expect(made.outcome).toBe("created");
    expect(files(BRANCH)).toEqual(["policies/routing.yaml", "policies/silences/b.yaml"]);
    expect(files("main")).toContain("policies/silences/a.yaml");
    expect(await commit(["policies/silences/a.yaml"])).toMatchObject({ outcome: "existed", sha: made.sha });
    expect(await branchDeletes(repo, BRANCH, "main", ["policies/silences/a.yaml", "policies/silences/b.yaml"])).toEqual(["policies/silences/a.yaml"]);
  });

  it("takes in a file the base gained since, to delete it too, and keeps what people pushed to the branch", async () => {
    await commit(["policies/silences/a.yaml"]);
    // Someone pushes to the branch, and a new silence lands on main.
    git(person, "fetch", "--quiet", "origin");
    git(person, "checkout", "--quiet", "-b", "work", `origin/${BRANCH}`);
    writeFileSync(join(person, "policies/silences/b.yaml"), "b, extended by hand\n");
    git(person, "commit", "--quiet", "-am", "extend b");
    git(person, "push", "--quiet", "origin", `work:${BRANCH}`);
    commitOnMain({ "policies/silences/c.yaml": "c\n" });

    const updated = await commit(["policies/silences/a.yaml", "policies/silences/c.yaml"]);
    expect(updated.outcome).toBe("updated");
    expect(files(BRANCH)).toEqual(["policies/routing.yaml", "policies/silences/b.yaml"]);
    expect(git(remote.bare, "show", `${BRANCH}:policies/silences/b.yaml`)).toBe("b, extended by hand\n");
    // A merge of main (two parents), pushed without forcing: the hand-made commit is still there.
    expect(git(remote.bare, "rev-list", "--parents", "-n", "1", BRANCH).trim().split(" ")).toHaveLength(3);
    expect(git(remote.bare, "log", "--format=%s", BRANCH)).toContain("extend b");
    expect(await branchDeletes(repo, BRANCH, "main", ["policies/silences/a.yaml", "policies/silences/c.yaml"])).toEqual(["policies/silences/a.yaml", "policies/silences/c.yaml"]);
  });

  it("does not merge a base it conflicts with; it deletes what the branch has and says so", async () => {
    await commit(["policies/silences/a.yaml"]);
    git(person, "fetch", "--quiet", "origin");
    git(person, "checkout", "--quiet", "-b", "work", `origin/${BRANCH}`);
    writeFileSync(join(person, "policies/routing.yaml"), "branch\n");
    git(person, "commit", "--quiet", "-am", "routing on the branch");
    git(person, "push", "--quiet", "origin", `work:${BRANCH}`);
    commitOnMain({ "policies/routing.yaml": "main\n" });
    const out = await commit(["policies/silences/a.yaml", "policies/silences/b.yaml"]);
    expect(out.outcome).toBe("updated");
    expect(out.note).toBe(`${BRANCH} does not merge cleanly with main; deleted what it has`);
    expect(files(BRANCH)).toEqual(["policies/routing.yaml"]);
  });

  it("refuses paths and messages that are not safe", async () => {
    await expect(commitToBranch(repo, { branch: BRANCH, base: "main", deletions: ["../x"], message: "ok" })).rejects.toThrow(/refusing to delete/);
    await expect(commitToBranch(repo, { branch: BRANCH, base: "main", deletions: [], message: "fixes #1" })).rejects.toThrow(/unsafe commit message/);
  });
});

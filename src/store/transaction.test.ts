import { describe, expect, it } from "vitest";
import { serializeRecord } from "../incident/codec.js";
import { archivePath, recordPath } from "../incident/paths.js";
import { commitMessage } from "./commit-message.js";
import { StoreError } from "./errors.js";
import type { FileChange, PushOutcome, RecordStore, StoredFile } from "./git.js";
import { buildRecord } from "../incident/testing.js";
import { recordSource } from "./records.js";
import { memoryTree } from "./testing/memory-tree.js";
import { transact } from "./transaction.js";

/** A scripted store: each push returns the next scripted outcome (or throws it). */
function scripted(outcomes: (PushOutcome | StoreError)[], files: StoredFile[] = []) {
  const log: string[] = [];
  const tree = memoryTree(files);
  const store = {
    sync: () => (log.push("sync"), Promise.resolve()),
    list: (dir: string) => tree.list(dir),
    read: (paths: readonly string[]) => tree.read(paths),
    readAll: () => Promise.resolve(files),
    commitAndPush: (changes: readonly FileChange[]) => {
      log.push(`push ${changes.map((c) => c.path).join(",")}`);
      const next = outcomes.shift() ?? "pushed";
      return next instanceof StoreError ? Promise.reject(next) : Promise.resolve(next);
    },
  } satisfies RecordStore;
  return { store, log };
}

const msg = commitMessage({ id: "2026-11-27-001", action: "alert" });
const change = { path: "incidents/2026-11-27-001.yaml", content: "x" };
const timing = (sleeps: number[], clockStep = 0) => {
  let t = 0;
  return { sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5, clock: () => (t += clockStep) };
};

describe("transact", () => {
  it("re-runs fn from a fresh sync after each conflict, with full-jitter exponential backoff", async () => {
    const { store, log } = scripted(["conflict", "conflict", "pushed"]);
    const sleeps: number[] = [];
    let calls = 0;
    const done = await transact(store, () => ({ changes: [change], message: msg, result: ++calls }), { ...timing(sleeps), baseDelayMs: 100 });
    expect(done).toEqual({ result: 3, outcome: "pushed", attempts: 3, unreadable: [] });
    expect(log).toEqual(["sync", "push incidents/2026-11-27-001.yaml", "sync", "push incidents/2026-11-27-001.yaml", "sync", "push incidents/2026-11-27-001.yaml"]);
    expect(sleeps).toEqual([0.5 * 100 * 2, 0.5 * 100 * 4]);
  });

  it("sizes the backoff slot by the attempt that lost (never below base), capped at maxDelayMs", async () => {
    const { store } = scripted(["conflict", "conflict", "conflict", "conflict", "pushed"]);
    const sleeps: number[] = [];
    await transact(store, () => ({ changes: [change], message: msg, result: null }), { ...timing(sleeps, 300), baseDelayMs: 100, maxDelayMs: 3000 });
    expect(sleeps).toEqual([0.5 * 600, 0.5 * 1200, 0.5 * 2400, 0.5 * 3000]);
  });

  it("never caps the window below eight lost attempts, so slow attempts (a loaded machine) still spread out", async () => {
    const { store } = scripted(["conflict", "conflict", "conflict", "conflict", "conflict", "pushed"]);
    const sleeps: number[] = [];
    await transact(store, () => ({ changes: [change], message: msg, result: null }), { ...timing(sleeps, 20_000), baseDelayMs: 100, maxDelayMs: 10_000 });
    expect(sleeps).toEqual([0.5 * 40_000, 0.5 * 80_000, 0.5 * 160_000, 0.5 * 160_000, 0.5 * 160_000]);
  });

  it("gives up after maxAttempts with a retryable conflict-exhausted error", async () => {
    const { store } = scripted(Array<PushOutcome>(8).fill("conflict"));
    const sleeps: number[] = [];
    const err = await transact(store, () => ({ changes: [change], message: msg, result: null }), timing(sleeps)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "conflict-exhausted", retryable: true });
    expect(sleeps).toHaveLength(7);
  });

  it("retries network errors, but not protected-branch or other errors", async () => {
    const network = new StoreError("network", true, "could not resolve host");
    const ok = scripted([network, "pushed"]);
    await expect(transact(ok.store, () => ({ changes: [change], message: msg, result: 1 }), timing([]))).resolves.toMatchObject({ attempts: 2 });

    const prot = scripted([new StoreError("protected-branch", false, "GH006")]);
    await expect(transact(prot.store, () => ({ changes: [change], message: msg, result: 1 }), timing([]))).rejects.toMatchObject({ kind: "protected-branch" });
    expect(prot.log.filter((l) => l === "sync")).toHaveLength(1);

    const boom = scripted([]);
    await expect(transact(boom.store, () => Promise.reject(new Error("fn failed")), timing([]))).rejects.toThrow("fn failed");
  });

  it("does not push when fn decides there is nothing to change", async () => {
    const { store, log } = scripted([]);
    const done = await transact(store, () => ({ changes: [], message: msg, result: "dup" }));
    expect(done).toEqual({ result: "dup", outcome: "nothing-to-commit", attempts: 1, unreadable: [] });
    expect(log).toEqual(["sync"]);
  });
});

describe("recordSource: what a door needs, each record parsed and checked once", () => {
  const r = buildRecord();
  const archived = buildRecord({ id: "2026-11-20-004", status: "closed" });
  const files: StoredFile[] = [
    { path: recordPath(r.id), content: serializeRecord(r) },
    { path: "incidents/copy-of-001.yaml", content: serializeRecord(r) },
    { path: "incidents/2026-11-27-001.yml", content: serializeRecord(r) },
    { path: "incidents/2026-11-27-009.yaml", content: "::" },
    { path: "incidents/unprocessed/20261127T100000Z-abc.json", content: "{}" },
    { path: "incidents/README.md", content: "# hi" },
    { path: archivePath(archived.id), content: serializeRecord(archived) },
    { path: archivePath("2026-11-27-003"), content: serializeRecord(buildRecord({ id: "2026-11-27-003", status: "closed" })) },
  ];

  it("live(): the records directly under incidents/, reporting unreadable and duplicate ids, ignoring other files", async () => {
    const source = recordSource(memoryTree(files));
    expect([...(await source.live()).keys()]).toEqual([r.id]);
    expect(source.unreadable.map((u) => u.path)).toEqual(["incidents/2026-11-27-001.yml", "incidents/2026-11-27-009.yaml", "incidents/copy-of-001.yaml"]);
    expect(source.unreadable.find((u) => u.path.endsWith("copy-of-001.yaml"))?.error).toContain("does not match the file name");
    expect(source.unreadable[0]?.error).toBe("incidents/2026-11-27-001.yml: id 2026-11-27-001 is already used by incidents/2026-11-27-001.yaml");
  });

  it("get(): one record by id, live or archived, reading only its own file", async () => {
    const tree = memoryTree(files);
    const source = recordSource(tree);
    expect((await source.get(archived.id))?.status).toBe("closed");
    expect((await source.get(r.id))?.id).toBe(r.id);
    expect(await source.get("2026-01-01-001")).toBeNull();
    expect(tree.reads.flat()).toEqual([recordPath(archived.id), archivePath(archived.id), recordPath(r.id), recordPath("2026-01-01-001"), archivePath("2026-01-01-001")]);
    // Read once: asking again reads nothing more.
    await source.get(r.id);
    expect(tree.reads).toHaveLength(5);
  });

  it("idsOn(): every id of a day, live and archived, from file names alone", async () => {
    const tree = memoryTree(files);
    expect((await recordSource(tree).idsOn("2026-11-27")).sort()).toEqual(["2026-11-27-001", "2026-11-27-001", "2026-11-27-003", "2026-11-27-009"]);
    expect(tree.reads).toEqual([]);
  });
});

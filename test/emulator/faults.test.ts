// GitHub's failures, as the emulator injects or models them: writes applied then failed (5xx or a
// reset connection), secondary rate limits (403/429 + retry-after, also from content-creation
// pace), primary rate limits, and seeded random faults that replay exactly from their seed.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "./index.js";
import { RANDOM_FAULT_KINDS } from "./faults.js";

const repo = { owner: "acme", repo: "ops" };
const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let gh: Emulator | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});
async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  gh = await startEmulator(options);
  return gh;
}

describe("a write applied, then failed", () => {
  it.each([502, 504])("answers %i after creating the issue", async (status) => {
    const gh = await start();
    gh.inject({ operationId: "issues/create", status, after: true });
    await expect(new Octokit({ baseUrl: gh.url, auth: "t", log }).rest.issues.create({ ...repo, title: "half" })).rejects.toMatchObject({ status });
    expect(gh.state.issues.map((i) => i.title)).toEqual(["half"]);
    expect(gh.requests[0]).toMatchObject({ status, injected: true, fault: `scripted ${status} after the write` });
  });

  it("resets the connection after creating a comment: the client sees no answer, GitHub has the comment", async () => {
    const gh = await start();
    gh.seed.issue({ title: "x" });
    gh.inject({ operationId: "issues/create-comment", status: 0, reset: true, after: true });
    const res = fetch(`${gh.url}/repos/acme/ops/issues/1/comments`, { method: "POST", headers: { authorization: "token t" }, body: JSON.stringify({ body: "hi" }) });
    await expect(res).rejects.toThrow(/fetch failed/);
    expect(gh.state.comments.map((c) => c.body)).toEqual(["hi"]);
    expect(gh.requests[0]).toMatchObject({ status: 0, fault: "scripted reset after the write" });
  });

  it("a reset before the write changes nothing, and the emulator keeps serving", async () => {
    const gh = await start();
    gh.inject({ operationId: "issues/create", status: 0, reset: true });
    const octokit = new Octokit({ baseUrl: gh.url, auth: "t", log });
    await expect(octokit.rest.issues.create({ ...repo, title: "never" })).rejects.toMatchObject({ status: 500 });
    expect(gh.state.issues).toEqual([]);
    expect((await octokit.rest.issues.create({ ...repo, title: "later" })).data.number).toBe(1);
  });

  it("@octokit/plugin-retry resends a create after a reset: the applied write is duplicated (what the product must guard)", async () => {
    const gh = await start();
    gh.inject({ operationId: "issues/create", status: 0, reset: true, after: true });
    const client = new (Octokit.plugin(retry))({ baseUrl: gh.url, auth: "t", log, retry: { retryAfterBaseValue: 10 } });
    await client.rest.issues.create({ ...repo, title: "twice" });
    expect(gh.state.issues.map((i) => i.title)).toEqual(["twice", "twice"]);
  });
});

describe("rate limits", () => {
  it("429 with retry-after is a secondary rate limit to @octokit/plugin-throttling", async () => {
    const gh = await start();
    gh.inject({ operationId: "repos/get", status: 429, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest" } });
    const onSecondaryRateLimit = vi.fn(() => true);
    const client = new (Octokit.plugin(throttling))({ baseUrl: gh.url, auth: "t", log, throttle: { onRateLimit: () => false, onSecondaryRateLimit } });
    await client.rest.repos.get({ ...repo });
    expect(onSecondaryRateLimit).toHaveBeenCalledWith(1, expect.anything(), expect.anything(), 0);
  });

  it("more than 80 content-creating requests in a minute get GitHub's secondary rate limit, reads do not", async () => {
    let t = Date.parse("2026-03-01T12:00:00Z");
    const gh = await start({ now: () => new Date(t), contentPerMinute: 3, secondaryRetryAfterS: 60 });
    const octokit = new Octokit({ baseUrl: gh.url, auth: "t", log });
    for (let i = 0; i < 3; i++) await octokit.rest.issues.create({ ...repo, title: `i${i}` });
    const refused = await octokit.rest.issues.create({ ...repo, title: "one too many" }).catch((e: unknown) => e as { status: number; response: { headers: Record<string, string>; data: { message: string } } });
    expect(refused).toMatchObject({ status: 403, response: { headers: { "retry-after": "60" }, data: { message: expect.stringContaining("secondary rate limit") as string } } });
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).status).toBe(200);
    t += 60_001;
    expect((await octokit.rest.issues.create({ ...repo, title: "a minute later" })).status).toBe(201);
    expect(gh.state.issues).toHaveLength(4);
  });

  it("the primary limit resets when its hour is over", async () => {
    let t = Date.parse("2026-03-01T12:00:00Z");
    const gh = await start({ now: () => new Date(t), coreRateLimit: 1 });
    const get = () => fetch(`${gh.url}/repos/acme/ops`, { headers: { authorization: "token t" } });
    expect((await get()).status).toBe(200);
    const res = await get();
    expect([res.status, res.headers.get("x-ratelimit-remaining")]).toEqual([403, "0"]);
    t += 3600_000;
    expect((await get()).status).toBe(200);
  });
});

describe("seeded random faults", () => {
  async function replay(seed: number): Promise<string[]> {
    const own = await startEmulator({ randomFaults: { seed, rate: 0.5, retryAfterS: 0 } });
    try {
      const octokit = new Octokit({ baseUrl: own.url, auth: "t", log });
      for (let i = 0; i < 40; i++) await octokit.rest.issues.create({ ...repo, title: `i${i}` }).catch(() => undefined);
      return own.requests.map((r) => r.fault ?? String(r.status));
    } finally {
      await own.close();
    }
  }

  it("are the same for the same seed and differ for another", async () => {
    const a = await replay(7);
    expect(await replay(7)).toEqual(a);
    expect(await replay(8)).not.toEqual(a);
    expect(a.filter((f) => f.startsWith("random")).length).toBeGreaterThan(5);
  });

  it("cover every kind, and writes faulted after the fact were applied", async () => {
    const gh = await start({ randomFaults: { seed: 3, rate: 0.6, retryAfterS: 0 } });
    const octokit = new Octokit({ baseUrl: gh.url, auth: "t", log });
    for (let i = 0; i < 120; i++) await octokit.rest.issues.create({ ...repo, title: `i${i}` }).catch(() => undefined);
    const kinds = new Set(gh.requests.flatMap((r) => (r.fault ? [r.fault.replace(/^random (\d+)( after the write)?$/, (_m, _s, after: string | undefined) => (after ? "5xx-after" : "5xx"))] : [])));
    for (const k of RANDOM_FAULT_KINDS) expect([...kinds].some((f) => f.includes(k.replace("-after", "")))).toBe(true);
    const applied = gh.requests.filter((r) => r.status === 201 || /after the write/.test(r.fault ?? "")).length;
    expect(gh.state.issues).toHaveLength(applied);
  });

  it("never fault one request path more than twice in a row, so clients with retries get through", async () => {
    const gh = await start({ randomFaults: { seed: 11, rate: 1, kinds: ["5xx"] } });
    const client = new (Octokit.plugin(retry))({ baseUrl: gh.url, auth: "t", log, retry: { retryAfterBaseValue: 1 } });
    await client.rest.issues.create({ ...repo, title: "persistent" });
    expect(gh.requests.map((r) => r.status)).toEqual([expect.any(Number), expect.any(Number), 201]);
  });
});

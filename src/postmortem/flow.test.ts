import { describe, expect, it } from "vitest";
import { parseActionItems } from "./action-items.js";
import { onMerged, onPrOpened, onResolved, splitReviewers } from "./flow.js";
import { generatePostmortem } from "./generate.js";
import { EMPTY_HISTORY, filledPostmortem, NOW, policies, resolvedP1 } from "./testing.js";

const PATH = "postmortems/2026-11-27-001-api-high-error-rate.md";
const opts = { now: NOW, history: EMPTY_HISTORY };

describe("onResolved", () => {
  it("opens a draft PR for a P1, asking the commander and the service owners to review", () => {
    const record = resolvedP1();
    const { record: updated, effects } = onResolved(record, policies, opts);
    expect(updated).toEqual({
      ...record,
      status: "postmortem-draft",
      links: { ...record.links, postmortemPath: PATH },
      timeline: [
        ...record.timeline,
        { at: NOW, actor: "incident-as-code", kind: "status", text: "resolved → postmortem-draft" },
        { at: NOW, actor: "incident-as-code", kind: "postmortem", text: `Post-mortem draft ${PATH} opened for review` },
      ],
    });
    expect(effects).toEqual([
      { kind: "record.write", incidentId: "2026-11-27-001", path: "incidents/2026-11-27-001.yaml", record: updated, reason: "post-mortem draft of 2026-11-27-001" },
      { kind: "branch.create", incidentId: "2026-11-27-001", branch: "postmortem/2026-11-27-001", files: [{ path: PATH, content: generatePostmortem(record, policies, opts).content }], reason: "post-mortem draft of 2026-11-27-001" },
      {
        kind: "pr.create",
        incidentId: "2026-11-27-001",
        branch: "postmortem/2026-11-27-001",
        title: "Post-mortem: 2026-11-27-001 API high error rate",
        body: expect.stringContaining("Post-mortem of incident 2026-11-27-001 (#42): API high error rate.") as string,
        reviewers: ["frank-example", "alice-example", "bob-example"],
        teamReviewers: [],
        reason: "post-mortem for P1 incident 2026-11-27-001",
      },
      // The gate's first status, on the branch's tip: the draft is not ready (its TODOs are open).
      expect.objectContaining({ kind: "status.set", sha: "", branch: "postmortem/2026-11-27-001", state: "failure", context: "incident-as-code/postmortem" }),
      { kind: "record.settle", incidentId: "2026-11-27-001", reason: "record the post-mortem PR of 2026-11-27-001" },
    ]);
  });

  it("does nothing on a second resolve of the same incident", () => {
    const first = onResolved(resolvedP1(), policies, opts).record;
    expect(first).not.toBeNull();
    const reopenedAndResolved = { ...first!, status: "resolved" as const };
    expect(onResolved(reopenedAndResolved, policies, { ...opts, now: "2026-11-28T09:00:00Z" })).toEqual({ record: null, effects: [] });
  });

  it.each([
    ["a P2 that does not require one", { severity: "P2" as const }, false, 0],
    ["a P2 with /postmortem", { severity: "P2" as const }, true, 1],
    ["a closed incident", { status: "closed" as const }, true, 0],
  ])("%s", (_name, over, force, prs) => {
    expect(onResolved(resolvedP1(over), policies, { ...opts, force }).effects.filter((e) => e.kind === "pr.create")).toHaveLength(prs);
  });

  it("resumes a draft whose run died before its PR opened: the same branch and PR, the record left as it is", () => {
    const draft = onResolved(resolvedP1(), policies, opts).record!;
    const resumed = onResolved(draft, policies, { ...opts, resume: true });
    expect(resumed.record).toBeNull();
    expect(resumed.effects.map((e) => e.kind)).toEqual(["branch.create", "pr.create", "status.set", "record.settle"]);
  });

  it("sends @org/team owners as team reviewers, by slug", () => {
    expect(splitReviewers(["frank-example", "@acme/sre", "Frank-Example", "@bob", "acme/sre"])).toEqual({ reviewers: ["frank-example", "bob"], teamReviewers: ["sre"] });
  });
});

describe("onPrOpened", () => {
  it("records the PR, moves to review and links it from the incident issue, once", () => {
    const draft = onResolved(resolvedP1(), policies, opts).record!;
    const { record, effects } = onPrOpened(draft, 7, { now: NOW });
    expect(record).toMatchObject({ status: "postmortem-review", links: { postmortemPr: 7, postmortemPath: PATH } });
    expect(record?.timeline.at(-2)).toMatchObject({ kind: "status", text: "postmortem-draft → postmortem-review" });
    expect(effects).toEqual([{ kind: "issue.comment", incidentId: "2026-11-27-001", issue: 42, key: "postmortem-pr", body: "The post-mortem is in review: #7.", reason: "link the post-mortem PR" }]);
    expect(onPrOpened(record!, 7, { now: NOW })).toEqual({ record: null, effects: [] });
  });

  it("a run that decided before the record's last entry lands its entries after it, never before", () => {
    const draft = onResolved(resolvedP1(), policies, opts).record!;
    const later = new Date(Date.parse(NOW) + 90_000).toISOString();
    const touched = { ...draft, timeline: [...draft.timeline, { at: later, actor: "bob-example", kind: "note" as const, text: "a racing run's note" }] };
    const { record } = onPrOpened(touched, 7, { now: NOW });
    const times = (record?.timeline ?? []).map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(record?.timeline.at(-1)).toMatchObject({ at: later, text: "Post-mortem in review in #7" });
  });
});

describe("titles made from untrusted text", () => {
  const REFERENCE = /(?:^|[^\w])#\d|\bGH-\d|@[A-Za-z0-9]|https?:\/\/github\.com\/[^/\s]+\/[^/\s]+\/(?:issues|pull)\/\d/i;

  it("an alert summary `fixes #1` gives a post-mortem PR title that closes and links nothing", () => {
    const { effects } = onResolved(resolvedP1({ title: "Checkout down fixes #1, see acme/web#2 @alice https://github.com/acme/ops/issues/3" }), policies, opts);
    const pr = effects.find((e) => e.kind === "pr.create");
    expect(pr?.kind === "pr.create" && pr.title).toMatch(/^Post-mortem: 2026-11-27-001 Checkout down fixes #/);
    expect(pr?.kind === "pr.create" ? pr.title : "").not.toMatch(REFERENCE);
  });

  it("action-item titles from the merged file are neutralised and fitted too", () => {
    const record = onPrOpened(onResolved(resolvedP1(), policies, opts).record!, 7, { now: NOW }).record!;
    const items = [{ title: `Revert, closes #1 ${"👩‍👩‍👧".repeat(60)}`, owner: "@bob-example", due: "2026-12-15", priority: "High" as const, source: "manual", issue: null }];
    const { effects } = onMerged(record, policies, { now: NOW, gatePassed: true, mergedBy: "alice-example", actionItemsFromFile: items });
    const created = effects.find((e) => e.kind === "action-item.create");
    const title = created?.kind === "action-item.create" ? created.title : "";
    expect(title).not.toMatch(REFERENCE);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("onMerged", () => {
  const inReview = () => onPrOpened(onResolved(resolvedP1(), policies, opts).record!, 7, { now: NOW }).record!;
  const merged = (gatePassed: boolean) =>
    onMerged(inReview(), policies, { now: "2026-11-30T18:00:00Z", gatePassed, mergedBy: "alice-example", actionItemsFromFile: parseActionItems(filledPostmortem()) });

  it("opens the action items as issues, closes the incident and publishes the record", () => {
    const { record, effects } = merged(true);
    expect(effects.map((e) => e.kind)).toEqual(["record.write", "action-item.create", "action-item.create", "issue.comment", "issue.update", "record.settle"]);
    expect(effects[0]).toMatchObject({ kind: "record.write", path: "incidents/archive/2026-11/2026-11-27-001.yaml" });
    expect(effects[1]).toEqual({
      kind: "action-item.create",
      incidentId: "2026-11-27-001",
      key: "action-item:2026-11-27-001:1",
      title: "Improve deployment testing",
      body: [
        "Action item from the post-mortem of incident 2026-11-27-001 (#42).",
        "",
        "- Owner: Engineering Lead",
        "- Due: 2026-12-11",
        "- Priority: High",
        `- Post-mortem: \`${PATH}\` (#7)`,
      ].join("\n"),
      labels: ["action-item", "priority:High"],
      assignees: [],
      reason: "action item 1 of post-mortem 2026-11-27-001",
    });
    expect(effects[4]).toEqual({ kind: "issue.update", incidentId: "2026-11-27-001", issue: 42, state: "closed", stateReason: "completed", reason: "post-mortem published; incident closed" });
    expect(effects[3]).toMatchObject({ kind: "issue.comment", issue: 42, key: "postmortem-published" });
    expect(record).toMatchObject({ status: "closed", timestamps: { closed: "2026-11-30T18:00:00Z" } });
    expect(record?.actionItems.map((a) => a.title)).toEqual(["Improve deployment testing", "Add monitoring for this failure mode"]);
    expect(record?.timeline.slice(-3).map((e) => e.text)).toEqual([`Post-mortem ${PATH} published (#7); 2 action item(s) opened as issues`, "postmortem-review → postmortem-published", "postmortem-published → closed"]);
  });

  it("still publishes a merge that bypassed the gate, and says so in the record and on the issue", () => {
    const { record, effects } = merged(false);
    expect(record?.status).toBe("closed");
    expect(record?.timeline).toContainEqual({ at: "2026-11-30T18:00:00Z", actor: "alice-example", kind: "postmortem", text: "Post-mortem merged by alice-example without passing the review gate (gate bypassed)" });
    const comment = effects.find((e) => e.kind === "issue.comment");
    expect(comment?.kind === "issue.comment" && comment.body).toContain("> **Review gate bypassed:** @\u200Balice-example merged the post-mortem before the review gate passed.");
    expect(merged(true).effects.find((e) => e.kind === "issue.comment")).not.toHaveProperty("body", expect.stringContaining("bypassed"));
  });

  it("assigns an item to its owner when the owner is an @login", () => {
    const items = [{ title: "Fix retries", owner: "@bob-example", due: "2026-12-01", priority: "Low" as const, source: "postmortem", issue: null }];
    const { effects } = onMerged(inReview(), policies, { now: NOW, gatePassed: true, mergedBy: "x", actionItemsFromFile: items });
    expect(effects[1]).toMatchObject({ kind: "action-item.create", assignees: ["bob-example"], labels: ["action-item", "priority:Low"] });
  });

  it("changes no record when re-run on a closed incident, and gives again only what may not have happened", () => {
    const closed = merged(true).record!;
    const settled = { ...closed, actionItems: closed.actionItems.map((a, n) => ({ ...a, issue: 100 + n })) };
    const again = onMerged(settled, policies, { now: NOW, gatePassed: true, mergedBy: "x", actionItemsFromFile: [] });
    expect(again.record).toBeNull();
    // Each of these is idempotent: the comment by its marker, the close by the issue's state.
    expect(again.effects.map((e) => e.kind)).toEqual(["issue.comment", "issue.update"]);
  });
});

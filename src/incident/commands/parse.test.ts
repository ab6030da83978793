import { describe, expect, it } from "vitest";
import { commandLines, commandsIn, loginsToCheck, parseComment, tokenize, type Command } from "./parse.js";

const ok = (body: string): Command[] => parseComment(body).commands.map((p) => ("ok" in p ? p.ok : { error: p.error } as never));
const ANY = expect.any(String) as unknown as string;
const first = (body: string) => parseComment(body).commands[0];

describe("parseComment", () => {
  it.each<[string, Command]>([
    ["/ack", { name: "ack" }],
    ["/ACK", { name: "ack" }],
    ["/acknowledge", { name: "ack" }],
    ["/sev p0", { name: "sev", severity: "P0", reason: null }],
    ["/sev P2 customers unaffected", { name: "sev", severity: "P2", reason: "customers unaffected" }],
    ["/status Identified", { name: "status", status: "identified" }],
    ["/status resolved", { name: "status", status: "resolved" }],
    ["/update DB failover   done", { name: "update", progress: "DB failover   done", actions: null }],
    ['/update "DB failover done" watching replication lag', { name: "update", progress: "DB failover done", actions: "watching replication lag" }],
    ['/update "only quoted"', { name: "update", progress: "only quoted", actions: null }],
    ["/assign @octo-cat", { name: "assign", login: "octo-cat" }],
    ["/assign octocat", { name: "assign", login: "octocat" }],
    ["/commander @bob", { name: "commander", login: "bob" }],
    ["/escalate", { name: "escalate" }],
    ["/resolve Rolled back deploy 1234", { name: "resolve", summary: "Rolled back deploy 1234" }],
    ["/reopen", { name: "reopen" }],
    ["/timeline Paged the DBA", { name: "timeline", note: "Paged the DBA" }],
    ["/runbook", { name: "runbook", playbook: null }],
    ["/runbook api_high_error_rate", { name: "runbook", playbook: "api_high_error_rate" }],
    ["/impact users=about 10% of EU revenue=$5k/h sla=breached", { name: "impact", users: "about 10% of EU", revenue: "$5k/h", sla: "breached" }],
    ['/impact summary="checkout fails"', { name: "impact", summary: "checkout fails" }],
    ["/rootcause deployment: bad config in release 42", { name: "rootcause", category: "deployment", text: "bad config in release 42" }],
    ["/postmortem", { name: "postmortem" }],
    ["/help", { name: "help" }],
  ])("%s", (body, expected) => {
    expect(ok(body)).toEqual([expected]);
  });

  it.each([
    ["/sev P9", "severity must be one of P0, P1, P2, P3", "/sev P0|P1|P2|P3 [reason]"],
    ["/sev", "the severity is missing", "/sev P0|P1|P2|P3 [reason]"],
    ["/status fixed", "status must be one of investigating, identified, monitoring, resolved", "/status investigating|identified|monitoring|resolved"],
    ["/assign @org/everyone", "give exactly one GitHub login, like @octocat", "/assign @login"],
    ["/assign @a @b", "give exactly one GitHub login, like @octocat", "/assign @login"],
    ["/update", "the update text is missing", ANY],
    ["/resolve", "the resolution summary is missing", "/resolve <summary>"],
    ["/ack now please", "/ack takes no arguments", "/ack"],
    ["/impact users", "start with a key, like users=…", ANY],
    ["/impact cost=1", "unknown key cost; the keys are users, revenue, sla, summary", ANY],
    ["/rootcause no colon here", "write the category, a colon, then the text", "/rootcause <category>: <text>"],
    ["/deploy prod", "unknown command /deploy", null],
  ] as [string, string, string | null][])("%s → usage reply", (body, error, usage) => {
    expect(first(body)).toMatchObject({ error, usage });
  });

  it("reads one command per line, ignoring prose, quotes and fenced code", () => {
    const body = ["Looking now.", "/ack", "> /resolve quoted", "```", "/resolve in code", "```", "~~~~", "/escalate", "~~~~", "  /timeline indented", "/usr/bin/env is not a command", "and /ack mid-line is not either"].join("\r\n");
    expect(ok(body)).toEqual([{ name: "ack" }, { name: "timeline", note: "indented" }]);
    expect(commandLines(body).map((l) => l.line)).toEqual([2, 10]);
  });

  it("reads at most 10 commands and counts the rest", () => {
    const parsed = parseComment(Array.from({ length: 20 }, (_, i) => `/timeline note ${i}`).join("\n"));
    expect(parsed.commands).toHaveLength(10);
    expect(parsed.excess).toBe(10);
  });

  it("refuses over-long text rather than cutting it", () => {
    expect(first(`/timeline ${"x".repeat(2001)}`)).toMatchObject({ error: "the note is longer than 2000 characters" });
  });

  it("commandsIn tells the shell whether to fetch the role", () => {
    expect(commandsIn("thanks all")).toBe(false);
    expect(commandsIn("```\n/ack\n```")).toBe(false);
    expect(commandsIn("ok\n/ack")).toBe(true);
  });

  it("loginsToCheck lists /assign and /commander logins", () => {
    expect(loginsToCheck(parseComment("/assign @a\n/commander b\n/assign a\n/ack"))).toEqual(["a", "b"]);
  });

  it("tokenize honours straight and smart quotes", () => {
    expect(tokenize('a "b c" “d e” "open')).toEqual({ args: ["a", "b c", "d e", "open"], quoted: [false, true, true, true] });
  });
});

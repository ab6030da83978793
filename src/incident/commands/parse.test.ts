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

describe("only text a reader sees can command", () => {
  it.each([
    ["an HTML comment across lines", "Looks fine to me.\n<!--\n/resolve hidden\n-->"],
    ["an HTML comment on one line", "ok\n<!-- /resolve hidden -->"],
    ["an unterminated HTML comment (runs to the end)", "Looks fine.\n<!--\n\n/resolve hidden\n\nmore"],
    ["an HTML comment inside a paragraph", "Looks fine <!--\n/resolve hidden\n--> to me."],
    ["an HTML comment at the start of the line", "<!-- x -->/resolve hidden"],
    ["a raw HTML block", "<div>\n/resolve hidden\n</div>"],
    ["an attribute of an HTML tag", 'See <img alt="\n/resolve hidden\n" src="x.png">'],
    ["an attribute of a tag that starts a line", '<a title="\n/resolve hidden\n">runbook</a>'],
    ["a raw HTML block opened by a tag alone on its line", '<p title="x">\n/resolve hidden'],
    ["a processing instruction", "<?x\n/resolve hidden\n?>"],
    ["a declaration", "<!X\n/resolve hidden\n>"],
    ["CDATA", "<![CDATA[\n/resolve hidden\n]]>"],
    ["a script block", "<script>\n/resolve hidden\n</script>"],
    ["a link reference definition's destination", "[x]:\n/resolve"],
    ["a link reference definition's multi-line title", "[x]: https://example.com '\n/resolve hidden\n'"],
    ["a link's title", '[see](https://example.com "\n/resolve hidden\n")'],
    ["an image's alt text", "![\n/resolve hidden\n](x.png)"],
    ["a fenced code block", "```\n/resolve hidden\n```"],
    ["an indented code block", "text\n\n    /resolve hidden"],
    ["an unclosed fence (runs to the end)", "~~~\n/resolve hidden"],
    ["a quote", "> /resolve hidden"],
    ["a lazy quote continuation", "> I think\n/resolve hidden"],
    ["a quote inside a list", "- > /resolve hidden"],
  ])("not in %s", (_name, body) => {
    expect(commandLines(body)).toEqual([]);
    expect(commandsIn(body)).toBe(false);
  });

  it.each([
    ["after an HTML comment that ended", "<!-- note -->\n\n/ack", [{ name: "ack" }]],
    ["inside <details>, which readers open", "<details>\n<summary>More</summary>\n\n/ack\n\n</details>", [{ name: "ack" }]],
    ["after a closed fence", "```\nlog\n```\n/ack", [{ name: "ack" }]],
    ["in a paragraph after a link definition", "[x]: https://example.com\n\n/ack", [{ name: "ack" }]],
    ["with an HTML comment after it, which is not part of the arguments", "/timeline Paged the DBA <!-- and /resolve -->", [{ name: "timeline", note: "Paged the DBA" }]],
    ["with a link in its text", "/timeline see [the runbook](https://example.com/rb)", [{ name: "timeline", note: "see [the runbook](https://example.com/rb)" }]],
    ["on a setext heading line", "/ack\n===", [{ name: "ack" }]],
    ["in bold HTML, which readers see", "<b>/ack</b>", [{ name: "ack" }]],
  ] as [string, string, Command[]][])("read when visible: %s", (_name, body, expected) => {
    expect(ok(body)).toEqual(expected);
  });

  it("an inline comment in the middle of a line leaves what the reader sees", () => {
    expect(commandLines("/resolve Rolled <!-- secretly --> back")[0]).toMatchObject({ name: "resolve", rest: "Rolled  back" });
  });
});

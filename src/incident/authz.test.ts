import { describe, expect, it } from "vitest";
import { authorize, commandsIn, isBot } from "./authz.js";
import { policies } from "./incident.test-helpers.js";

const req = (login: string, role: string | null, command = "ack", args: string[] = [], userType = "User") => ({ login, userType, role, command, args });
const REFUSED = "Sorry, only people with the write role or higher on this repository, or in an on-call rotation, can change this incident, so I did not act on this comment. If you need to be able to, ask a maintainer.";

describe("authorize (shipped access.yaml: write, rotation members, /sev P0 and /commander need maintain)", () => {
  it.each([
    ["write collaborator", req("maria", "write"), { allowed: true }],
    ["admin", req("maria", "admin", "sev", ["p0"]), { allowed: true }],
    ["read collaborator", req("rita", "read"), { allowed: false, reply: REFUSED }],
    ["triage collaborator", req("tom", "triage", "timeline", ["x"]), { allowed: false, reply: REFUSED }],
    ["non-collaborator", req("stranger", null), { allowed: false, reply: REFUSED }],
    ["custom role ranks as read", req("cora", "security-auditor"), { allowed: false, reply: REFUSED }],
    ["rotation member without a role", req("Alice-Example", null, "update", ["x"]), { allowed: true }],
    ["anyone may ask for /help", req("stranger", null, "help"), { allowed: true }],
    ["/sev P0 needs maintain", req("maria", "write", "sev", ["P0", "outage"]), { allowed: false, reply: "/sev P0 needs the maintain role or higher on this repository." }],
    ["/sev P1 does not", req("maria", "write", "sev", ["P1"]), { allowed: true }],
    ["/commander needs maintain, even for a rotation member", req("alice-example", null, "/commander", ["@bob"]), { allowed: false, reply: "/commander needs the maintain role or higher on this repository." }],
    ["maintain may /commander", req("maria", "maintain", "commander", ["@bob"]), { allowed: true }],
    ["bot by type: ignored, no reply", req("ci", "admin", "ack", [], "Bot"), { allowed: false, reply: null }],
    ["bot by login: ignored, no reply", req("dependabot[bot]", "admin"), { allowed: false, reply: null }],
  ])("%s", (_name, request, expected) => {
    expect(authorize(request, policies)).toEqual(expected);
  });

  it("isBot and commandsIn", () => {
    expect(isBot("renovate[bot]", "User")).toBe(true);
    expect(isBot("octocat", "User")).toBe(false);
    expect(commandsIn("> /ack")).toBe(false);
  });
});

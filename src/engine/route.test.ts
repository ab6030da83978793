import { describe, expect, it } from "vitest";
import type { RouteNode } from "../config/types.js";
import { matchRoutes } from "./route.js";
import { parseMatchers } from "./matchers.js";

const node = (name: string, matchers: string, over: Partial<RouteNode> = {}, routes: RouteNode[] = []): RouteNode => ({
  name,
  matchers: parseMatchers(matchers),
  continue: false,
  groupBy: [],
  muteTimeIntervals: [],
  activeTimeIntervals: [],
  team: null,
  rotation: null,
  escalationPolicy: null,
  channels: [],
  routes,
  source: { file: "routing.yaml", line: 1, column: 1 },
  ...over,
});

// A tree in the shape of Alertmanager's dispatch/route_test.go.
const tree = node("root", "", { groupBy: ["alertname"], team: "sre", channels: ["default"] }, [
  node("owner-a", '{owner="team-A"}', { team: "a", rotation: "a-oncall" }, [node("env-prod", '{env="prod"}', { groupBy: ["service"], escalationPolicy: "p0" })]),
  node("owner-b", '{owner="team-B"}', { team: "b", continue: true }),
  node("owner-b-audit", '{owner=~"team-B|team-C"}', { channels: ["audit"] }),
  node("never", '{owner="team-B"}', { team: "never" }),
]);

describe("matchRoutes (Alertmanager semantics)", () => {
  it.each([
    [{}, ["root"]],
    [{ owner: "team-A" }, ["root/owner-a"]],
    [{ owner: "team-A", env: "prod" }, ["root/owner-a/env-prod"]],
    [{ owner: "team-B" }, ["root/owner-b", "root/owner-b-audit"]], // continue, then first match stops
    [{ owner: "team-C" }, ["root/owner-b-audit"]],
  ])("%j → %j", (labels, paths) => {
    expect(matchRoutes(tree, labels).map((m) => m.path)).toEqual(paths);
  });

  it("inherits unset settings from the parent", () => {
    const [m] = matchRoutes(tree, { owner: "team-A", env: "prod" });
    expect(m?.settings).toEqual({ groupBy: ["service"], team: "a", rotation: "a-oncall", escalationPolicy: "p0", channels: ["default"] });
    const [a] = matchRoutes(tree, { owner: "team-A" });
    expect(a?.settings).toEqual({ groupBy: ["alertname"], team: "a", rotation: "a-oncall", escalationPolicy: null, channels: ["default"] });
    const [, audit] = matchRoutes(tree, { owner: "team-B" });
    expect(audit?.settings).toMatchObject({ team: "sre", channels: ["audit"] });
  });
});

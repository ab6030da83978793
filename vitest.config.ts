import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Headroom for a busy 2-core machine: an end-to-end test spawns the Action (Node, git clones)
    // several times, and beside other work one spawn can take tens of seconds (seen: single
    // end-to-end tests of 200 s at a load average of 40). Tests must never depend on speed; these
    // bounds only catch a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: "forks",
    // End-to-end files spend most of their time waiting: on GitHub-style write throttling (writes
    // spaced 1 s apart, notifications 3 s) and on child processes. More files than cores at once
    // keeps both cores busy.
    maxWorkers: 4,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // End-to-end files spend most of their time waiting: on GitHub-style write throttling (writes
    // spaced 1 s apart, notifications 3 s) and on child processes. More files than cores at once
    // keeps both cores busy.
    maxWorkers: 4,
  },
});

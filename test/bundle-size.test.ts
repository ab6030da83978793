// The bundle size limit check:dist enforces: what an entry loads before it runs (itself and its
// static imports, transitively) and not what it loads on demand.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Metafile } from "esbuild";
import { oversized, startupBytes } from "../scripts/bundle-size.mjs";

const run = promisify(execFile);

function output(bytes: number, imports: { path: string; kind: "import-statement" | "dynamic-import"; external?: boolean }[] = [], entryPoint?: string): Metafile["outputs"][string] {
  return { bytes, inputs: {}, imports: imports.map((i) => ({ external: false, ...i })), exports: [], ...(entryPoint ? { entryPoint } : {}) };
}

const meta: Metafile = {
  inputs: {},
  outputs: {
    "out/cli.js": output(1_000, [{ path: "out/chunks/cli/shared.js", kind: "import-statement" }, { path: "out/chunks/cli/mail.js", kind: "dynamic-import" }, { path: "node:fs", kind: "import-statement", external: true }], "src/cli/main.ts"),
    "out/cli.js.map": output(5_000),
    "out/chunks/cli/shared.js": output(300, [{ path: "out/chunks/cli/deeper.js", kind: "import-statement" }]),
    "out/chunks/cli/deeper.js": output(20, [{ path: "out/chunks/cli/shared.js", kind: "import-statement" }]),
    // A dynamic import's target is an entry point of the build too; it is not a bundle of its own.
    "out/chunks/cli/mail.js": output(900_000, [{ path: "out/chunks/cli/shared.js", kind: "import-statement" }], "node_modules/nodemailer/index.js"),
  },
};

describe("startupBytes", () => {
  it("counts an entry and its static imports, transitively and once, and leaves dynamic imports out", () => {
    expect(startupBytes(meta, "out")).toEqual([{ entry: "dist/cli.js", bytes: 1_320, files: ["dist/cli.js", "dist/chunks/cli/shared.js", "dist/chunks/cli/deeper.js"] }]);
  });

  it("names each bundle over the limit, with its files", () => {
    const rows = startupBytes(meta, "out");
    expect(oversized(rows, 2_000_000)).toEqual([]);
    expect(oversized(rows, 1_000)).toEqual([
      "dist/cli.js loads 1,320 bytes at start-up (dist/cli.js + dist/chunks/cli/shared.js + dist/chunks/cli/deeper.js), more than the 1,000 allowed: split what a run seldom needs into a dynamic import().",
    ]);
  });
});

describe("npm run check:dist", () => {
  it("fails when a bundle is over the limit, naming it", async () => {
    const failed = await run(process.execPath, ["scripts/build.mjs", "--check", "--max-bundle-bytes=1000000"]).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/^dist\/index\.js loads [\d,]+ bytes at start-up \(dist\/index\.js \+ .*more than the 1,000,000 allowed/m);
    expect(failed?.stderr).toMatch(/^dist\/cli\.js loads /m);
  });
});

// What each bundle costs at start-up: its entry file and every chunk it imports statically,
// transitively, from esbuild's metafile. Chunks reached only by dynamic import() are left out:
// they load when a run needs them (a mail to send, a proxy to go through, a site to build).
import { relative } from "node:path";

/**
 * `metafile` from an esbuild build into `outdir` → one row per entry point: its name as shipped
 * (dist/<file>), the bytes Node reads before the entry runs, and those files.
 */
export function startupBytes(metafile, outdir) {
  const outputs = metafile.outputs;
  const closure = (file, seen) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === "import-statement" && !i.external && outputs[i.path]) closure(i.path, seen);
  };
  return Object.entries(outputs)
    // The entries are dist/*.js; chunks/ holds what they import, dynamic import targets included.
    .filter(([file, o]) => o.entryPoint && file.endsWith(".js") && !relative(outdir, file).includes("/"))
    .map(([file]) => {
      const seen = new Set();
      closure(file, seen);
      const files = [...seen].map((f) => `dist/${relative(outdir, f)}`);
      return { entry: files[0], bytes: [...seen].reduce((sum, f) => sum + outputs[f].bytes, 0), files };
    });
}

/** The sentences for rows over `limit` bytes (none when all fit). */
export function oversized(rows, limit) {
  return rows
    .filter((r) => r.bytes > limit)
    .map((r) => `${r.entry} loads ${r.bytes.toLocaleString("en")} bytes at start-up (${r.files.join(" + ")}), more than the ${limit.toLocaleString("en")} allowed: split what a run seldom needs into a dynamic import().`);
}

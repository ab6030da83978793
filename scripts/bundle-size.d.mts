// Types for scripts/bundle-size.mjs, which the tests import.
import type { Metafile } from "esbuild";

export interface StartupSize {
  entry: string;
  bytes: number;
  files: string[];
}
export declare function startupBytes(metafile: Metafile, outdir: string): StartupSize[];
export declare function oversized(rows: StartupSize[], limit: number): string[];

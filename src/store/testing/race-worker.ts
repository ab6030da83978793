// One racing "workflow run", as its own process: clone the remote, then append one alert to the
// incident of a group (or open it) through transact. Prints a JSON line with the outcome.
// argv: <bare remote> <clone dir> <index> <group key>
import { execFileSync } from "node:child_process";
import { open } from "../git.js";
import { transact } from "../transaction.js";
import { appendOrCreate } from "./group-append.js";
import { buildAlert } from "../../incident/testing.js";

const [bare, dir, index, groupKey] = process.argv.slice(2);
if (bare === undefined || dir === undefined || index === undefined || groupKey === undefined) throw new Error("usage: race-worker <bare> <dir> <index> <group>");
execFileSync("git", ["clone", "--quiet", bare, dir]);
const store = await open({ dir, branch: "main" });
const alert = buildAlert(`fp-${index}`, { annotations: { summary: `alert number ${index}` } });
const done = await transact(store, async (source) => appendOrCreate(await source.live(), groupKey, alert, "2026-11-27T10:00:00Z"));
process.stdout.write(`${JSON.stringify({ index, ...done.result, attempts: done.attempts })}\n`);

// Validation in stages over file contents (no I/O): parse YAML with positions, check each file
// against its schema (all errors), normalise into typed policy, then check references between
// files. Returns every problem found in one run, and the policies only when there is no error.
import type { AnyPolicyFileKind, CrossCheck, PolicyDocument, PolicyIssue, Reporter } from "./kinds.js";
import { oversizeMessage, parsePolicyYaml } from "./document.js";
import { schemaChecker } from "./checker.js";
import { registry as shippedRegistry } from "./registry.js";
import { SchemaChecker, type SchemaSet } from "./schema-check.js";
import { checkTemplate, runbookTitle } from "./text-files.js";
import type { Policies, SourceRef } from "./types.js";
import { closest, distance } from "fastest-levenshtein";

export interface CompileResult {
  policies: Policies | null;
  issues: PolicyIssue[];
}

export interface Registry {
  kinds: AnyPolicyFileKind[];
  crossChecks: CrossCheck[];
  schemas: SchemaSet;
}

export interface CompileOptions {
  /** Policies directory relative to the repository root. */
  root?: string;
  /** Files the reader refused to read because of their size: path → bytes. */
  oversized?: Readonly<Record<string, number>>;
  /** The validation time (epoch ms), for time-dependent warnings (expired silences); omitted, they are not checked. */
  now?: number;
}

/** Files under the policies directory that are not policy files. */
const NOT_POLICY = /^(?:tests\/|templates\/|runbooks\/|README\.md$)/;

export function compileWith(registry: Registry, files: Readonly<Record<string, string>>, options: CompileOptions = {}): CompileResult {
  const root = (options.root ?? "policies").replace(/\/+$/, "");
  const issues: PolicyIssue[] = [];
  const report: Reporter = {
    error: (ref, message) => issues.push({ level: "error", ...ref, message }),
    warn: (ref, message) => issues.push({ level: "warning", ...ref, message }),
  };
  const checker = checkerFor(registry.schemas);
  const docs = new Map<string, PolicyDocument>();
  const parts: Partial<Policies> = { root };
  let complete = true;

  for (const kind of registry.kinds) {
    if (kind.path.endsWith("/")) {
      if (!compileDirectory(kind, files, root, parts, docs, checker, issues, report, options)) complete = false;
      continue;
    }
    const file = `${root}/${kind.path}`;
    const text = files[file];
    const oversized = options.oversized?.[file];
    if (oversized !== undefined) {
      report.error(at(file), oversizeMessage(oversized));
      complete = false;
      continue;
    }
    if (text === undefined && kind.absent) {
      Object.assign(parts, kind.absent());
      continue;
    }
    if (text === undefined) {
      report.error(at(file), `missing policy file ${file} (${kind.id}); this policy file is required — copy it from the shipped example`);
      complete = false;
      continue;
    }
    const parsed = parsePolicyYaml(file, text);
    issues.push(...parsed.issues);
    if (!parsed.doc) {
      complete = false;
      continue;
    }
    docs.set(file, parsed.doc);
    const schemaIssues = checker.check(kind.schema, parsed.doc);
    if (schemaIssues.length > 0) {
      issues.push(...schemaIssues);
      complete = false;
      continue;
    }
    const before = errorCount(issues);
    try {
      Object.assign(parts, kind.normalise(parsed.doc, report));
    } catch (e) {
      report.error(at(file), `internal error while reading ${kind.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (errorCount(issues) > before) complete = false;
  }

  readTextFiles(files, root, parts, report);
  warnUnknownFiles(files, root, registry.kinds, report);

  // With some files broken the checks still run, so one run reports every problem it can; a check
  // that needs a part that failed to load stops short (that file's own errors are reported above).
  const policies = parts as Policies;
  for (const check of registry.crossChecks) {
    try {
      check(policies, report, { doc: (f) => docs.get(f), ...(options.now !== undefined ? { now: options.now } : {}) });
    } catch (e) {
      if (complete) report.error(at(`${root}`), `internal error in a cross-reference check: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { policies: complete && errorCount(issues) === 0 ? policies : null, issues: sortIssues(issues) };
}

/**
 * A directory kind: every *.yaml directly in it is one document, normalised on its own; array parts
 * are concatenated in file-name order. Returns false when a file had an error.
 */
function compileDirectory(
  kind: AnyPolicyFileKind,
  files: Readonly<Record<string, string>>,
  root: string,
  parts: Partial<Policies>,
  docs: Map<string, PolicyDocument>,
  checker: SchemaChecker,
  issues: PolicyIssue[],
  report: Reporter,
  options: CompileOptions,
): boolean {
  const dir = `${root}/${kind.path}`;
  const inDir = (f: string): boolean => f.startsWith(dir) && /^[^/]+\.ya?ml$/.test(f.slice(dir.length));
  const names = [...new Set([...Object.keys(files), ...Object.keys(options.oversized ?? {})])].filter(inDir).sort();
  Object.assign(parts, kind.absent?.() ?? {});
  let ok = true;
  for (const file of names) {
    const oversized = options.oversized?.[file];
    if (oversized !== undefined) {
      report.error(at(file), oversizeMessage(oversized));
      ok = false;
      continue;
    }
    const parsed = parsePolicyYaml(file, files[file] ?? "");
    issues.push(...parsed.issues);
    if (!parsed.doc) {
      ok = false;
      continue;
    }
    docs.set(file, parsed.doc);
    const schemaIssues = checker.check(kind.schema, parsed.doc);
    if (schemaIssues.length > 0) {
      issues.push(...schemaIssues);
      ok = false;
      continue;
    }
    const before = errorCount(issues);
    try {
      const part = kind.normalise(parsed.doc, report) as Record<string, unknown>;
      for (const [key, value] of Object.entries(part)) {
        const current = (parts as Record<string, unknown>)[key];
        (parts as Record<string, unknown>)[key] = Array.isArray(current) && Array.isArray(value) ? [...(current as unknown[]), ...(value as unknown[])] : value;
      }
    } catch (e) {
      report.error(at(file), `internal error while reading ${kind.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (errorCount(issues) > before) ok = false;
  }
  return ok;
}

function readTextFiles(files: Readonly<Record<string, string>>, root: string, parts: Partial<Policies>, report: Reporter): void {
  parts.templates = {};
  parts.templateSources = {};
  parts.runbooks = {};
  for (const [file, text] of Object.entries(files)) {
    if (!file.startsWith(`${root}/`)) continue;
    const rel = file.slice(root.length + 1);
    const template = /^templates\/(.+)\.njk$/.exec(rel);
    if (template?.[1]) {
      const id = template[1];
      const problem = checkTemplate(file, text);
      if (problem) report.error(problem, problem.message);
      parts.templates[id] = { id, path: file };
      parts.templateSources[id] = text;
    }
    const runbook = /^runbooks\/([^/]+)\.md$/.exec(rel);
    if (runbook?.[1]) {
      parts.runbooks[runbook[1]] = { id: runbook[1], path: file, title: runbookTitle(text) ?? runbook[1] };
    }
  }
}

function warnUnknownFiles(files: Readonly<Record<string, string>>, root: string, kinds: AnyPolicyFileKind[], report: Reporter): void {
  const known = kinds.map((k) => k.path);
  const dirs = known.filter((k) => k.endsWith("/"));
  for (const file of Object.keys(files)) {
    if (!file.startsWith(`${root}/`)) continue;
    const rel = file.slice(root.length + 1);
    if (NOT_POLICY.test(rel) || known.includes(rel) || !/\.ya?ml$/.test(rel)) continue;
    if (dirs.some((d) => rel.startsWith(d) && !rel.slice(d.length).includes("/"))) continue;
    const guess = closest(rel, known);
    const hint = distance(rel, guess) <= 3 ? ` — did you mean ${root}/${guess}?` : "";
    report.warn(at(file), `${file} is not a policy file this version reads, so it is ignored${hint}`);
  }
}

// Compiling the schemas is the slow part of validation; do it once per schema set (the shipped
// registry's set is the program's one checker, config/checker.ts).
const checkers = new WeakMap<Registry["schemas"], SchemaChecker>();
function checkerFor(schemas: Registry["schemas"]): SchemaChecker {
  if (schemas === shippedRegistry.schemas) return schemaChecker();
  let checker = checkers.get(schemas);
  if (!checker) checkers.set(schemas, (checker = new SchemaChecker(schemas)));
  return checker;
}

function at(file: string): SourceRef {
  return { file, line: 1, column: 1 };
}

function errorCount(issues: PolicyIssue[]): number {
  return issues.filter((i) => i.level === "error").length;
}

function sortIssues(issues: PolicyIssue[]): PolicyIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

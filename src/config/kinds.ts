// The contract between the loader and each policy concern: a policy file kind knows its path,
// its JSON Schema, how to turn a validated YAML document into typed policy, and which
// cross-references to check once every file is loaded.
import type { Policies, SourceRef } from "./types.js";

export type IssueLevel = "error" | "warning";

/** One problem in the policies, pointing at the YAML that caused it. */
export interface PolicyIssue extends SourceRef {
  level: IssueLevel;
  message: string;
}

/** A parsed YAML file: plain data plus a way back to positions in the source. */
export interface PolicyDocument {
  file: string; // repository-relative path
  value: unknown; // plain JS, already valid against the kind's schema when normalise() sees it
  /** Position of the value at `path` (keys and indexes); falls back to the nearest existing parent. */
  at(path: readonly (string | number)[]): SourceRef;
  /** Position of the key itself (for errors about a key, e.g. unknown keys). */
  keyAt(path: readonly (string | number)[]): SourceRef;
}

export interface Reporter {
  error(ref: SourceRef, message: string): void;
  warn(ref: SourceRef, message: string): void;
}

export interface PolicyFileKind<K extends keyof Policies = keyof Policies> {
  /** Name used in messages and the schema's title. */
  id: string;
  /**
   * Path relative to the policies directory, e.g. "oncall/rotations.yaml"; a path ending in "/"
   * (e.g. "silences/") is a directory whose every *.yaml file is one document of this kind, each
   * normalised on its own and the arrays it fills concatenated in file-name order.
   */
  path: string;
  /** Schema file name in schemas/, e.g. "rotations.schema.json". */
  schema: string;
  /** Which part(s) of Policies this file fills. */
  fills: K[];
  /** Turn the validated document into typed policy. Report problems; never throw for bad input. */
  normalise(doc: PolicyDocument, report: Reporter): Pick<Policies, K>;
  /** For a file that may be absent: the policy it stands for when it is (nothing configured). */
  absent?(): Pick<Policies, K>;
}

/** A check that needs every file loaded (references between files, coverage, reachability). */
export type CrossCheck = (policies: Policies, report: Reporter, refs: RefIndex) => void;

/** Looks up the source position of a named policy object, for cross-reference errors. */
export interface RefIndex {
  doc(file: string): PolicyDocument | undefined;
  /** The validation time (epoch ms) when the caller gave one: checks that depend on it (expired silences) run only then. */
  now?: number;
}

/** Any file kind, whatever parts it fills: what the loader's registry holds. */
export interface AnyPolicyFileKind {
  id: string;
  path: string;
  schema: string;
  fills: readonly (keyof Policies)[];
  normalise(doc: PolicyDocument, report: Reporter): Partial<Policies>;
  absent?(): Partial<Policies>;
}

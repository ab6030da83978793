// `incident import pagerduty SCHEDULE.json [ESCALATION_POLICY.json] --users USERS.yaml [--out DIR]`:
// a PagerDuty schedule (REST API v2 JSON) → a rotation in DIR/oncall/rotations.yaml, and an
// escalation policy → an entry in DIR/escalation.yaml; PagerDuty users become GitHub logins through
// the mapping file (user id, e-mail or name → login). When the export holds PagerDuty's final
// schedule, the imported rotation is checked against it hour by hour. Exit 0 imported, valid and in
// agreement; 1 unmapped users (nothing written), notes that change on-call, disagreement or
// invalid policies; 2 unreadable input.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parse as parseYaml, stringify } from "yaml";
import type { CompileResult } from "../config/index.js";
import type { Rotation } from "../config/types.js";
import { agreement, type Agreement } from "../import/pagerduty/agreement.js";
import { convertEscalationPolicy } from "../import/pagerduty/escalation.js";
import { convertSchedule, rotationId, userResolver, type ConvertedSchedule, type PdNote, type UserResolver } from "../import/pagerduty/schedule.js";
import { parseEscalationPolicy, parseSchedule, PdShapeError, type PdSchedule, type PdUserRef } from "../import/pagerduty/types.js";
import { upsertEntry } from "../import/pagerduty/write.js";
import { gapMessage } from "../oncall/coverage.js";
import { EXIT, formatIssues, type CliIO } from "./io.js";
import { rotationsOf } from "./rotation-history.js";

export interface PagerDutyImportOptions {
  out: string;
  users?: string;
  rotation?: string;
}

export interface PagerDutyImportDeps {
  loadPolicies(root: string, dir: string): Promise<CompileResult>;
}

async function readJson(file: string, io: CliIO): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as unknown;
  } catch (e) {
    io.err(`${file}: cannot read as JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** The imported rotation as the loader reads it, or null when it does not load on its own. */
function asRotation(c: ConvertedSchedule, out: string): Rotation | null {
  const file = `${basename(out)}/oncall/rotations.yaml`;
  return rotationsOf(stringify({ rotations: { [c.id]: c.rotation } }), file, basename(out))?.[c.id] ?? null;
}

/** Both layer orders when the final schedule can tell them apart; the one that agrees best wins (GET's order on a tie). */
function chooseOrder(s: PdSchedule, resolve: UserResolver, id: string | undefined, out: string): { converted: ConvertedSchedule; rotation: Rotation | null; agreement: Agreement | null } {
  const listed = convertSchedule(s, resolve, id ? { id } : {});
  const listedRotation = asRotation(listed, out);
  if (!s.finalSchedule || s.finalSchedule.length === 0 || !listedRotation) return { converted: listed, rotation: listedRotation, agreement: null };
  const listedAgreement = agreement(listedRotation, s.finalSchedule, resolve);
  if (listedAgreement.agreed === listedAgreement.checked || s.layers.length < 2) return { converted: listed, rotation: listedRotation, agreement: listedAgreement };
  const reversed = convertSchedule(s, resolve, { ...(id ? { id } : {}), reversed: true });
  const reversedRotation = asRotation(reversed, out);
  const reversedAgreement = reversedRotation ? agreement(reversedRotation, s.finalSchedule, resolve) : null;
  if (reversedRotation && reversedAgreement && reversedAgreement.agreed > listedAgreement.agreed) {
    reversed.notes.push({ level: "warning", path: "$.schedule_layers", message: "the layers are listed lowest priority first (the order POST and PUT take); the import used that order, which reproduces the final schedule" });
    return { converted: reversed, rotation: reversedRotation, agreement: reversedAgreement };
  }
  return { converted: listed, rotation: listedRotation, agreement: listedAgreement };
}

function mappingTemplate(users: readonly PdUserRef[]): string {
  return users.map((u) => `${JSON.stringify(u.id)}: github-login # ${u.summary ?? u.email ?? "unnamed"}`).join("\n");
}

export async function runImportPagerDuty(scheduleFile: string, policyFile: string | undefined, opts: PagerDutyImportOptions, deps: PagerDutyImportDeps, io: CliIO): Promise<number> {
  const scheduleJson = await readJson(scheduleFile, io);
  const policyJson = policyFile === undefined ? null : await readJson(policyFile, io);
  if (scheduleJson === undefined || policyJson === undefined) return EXIT.usage;
  let mapping: Record<string, string> = {};
  if (opts.users !== undefined) {
    try {
      const parsed = parseYaml(await readFile(opts.users, "utf8")) as unknown;
      if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== "string"))) throw new Error("expected a mapping of PagerDuty user id, e-mail or name to a GitHub login");
      mapping = (parsed ?? {}) as Record<string, string>;
    } catch (e) {
      io.err(`${opts.users}: ${(e as Error).message}`);
      return EXIT.usage;
    }
  }
  const parse = <T>(file: string, read: () => T): T | null => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof PdShapeError)) throw e;
      io.err(`${file}: ${e.message}`);
      return null;
    }
  };
  const schedule = parse(scheduleFile, () => parseSchedule(scheduleJson));
  const policy = policyJson === null ? undefined : parse(policyFile ?? "", () => parseEscalationPolicy(policyJson));
  if (schedule === null || policy === null) return EXIT.usage;
  const resolve = userResolver(mapping);
  const chosen = chooseOrder(schedule, resolve, opts.rotation, opts.out);
  const { converted } = chosen;
  const rotationsText = await readFile(join(opts.out, "oncall", "rotations.yaml"), "utf8").catch(() => null);
  const knownRotations = new Set(Object.keys((parseYaml(rotationsText ?? "") as { rotations?: Record<string, unknown> } | null)?.rotations ?? {}));
  const convertedPolicy = policy
    ? convertEscalationPolicy(policy, resolve, (t) => (t.id === schedule.id ? converted.id : knownRotations.has(rotationId(t.summary ?? t.id)) ? rotationId(t.summary ?? t.id) : null))
    : null;
  const unmapped = [...new Map([...converted.unmapped, ...(convertedPolicy?.unmapped ?? [])].map((u) => [u.id, u])).values()];
  if (unmapped.length > 0) {
    io.err(`${unmapped.length} PagerDuty user(s) have no GitHub login; add them to ${opts.users ?? "a mapping file (--users users.yaml)"} and run the import again (nothing was written):\n${mappingTemplate(unmapped)}`);
    return EXIT.problems;
  }
  const notes: (PdNote & { file: string })[] = [...converted.notes.map((n) => ({ ...n, file: scheduleFile })), ...(convertedPolicy?.notes ?? []).map((n) => ({ ...n, file: policyFile ?? "" }))];
  if (chosen.rotation && !("allow_gaps" in converted.rotation)) {
    const gaps = gapMessage(chosen.rotation);
    if (gaps) {
      converted.rotation["allow_gaps"] = true;
      notes.push({ level: "warning", file: scheduleFile, path: "$.schedule_layers", message: `${gaps}, as in PagerDuty; allow_gaps: true keeps that (nobody is paged then)` });
    }
  }

  await mkdir(join(opts.out, "oncall"), { recursive: true });
  const written = [join(opts.out, "oncall", "rotations.yaml")];
  await writeFile(written[0] as string, upsertEntry(rotationsText, "# yaml-language-server: $schema=../../schemas/rotations.schema.json\n", "rotations", converted.id, converted.rotation));
  if (convertedPolicy) {
    const file = join(opts.out, "escalation.yaml");
    const text = await readFile(file, "utf8").catch(() => null);
    await writeFile(file, upsertEntry(text, "# yaml-language-server: $schema=../schemas/escalation.schema.json\n", "policies", convertedPolicy.id, convertedPolicy.policy));
    written.push(file);
  }
  const history = (converted.rotation["history"] as unknown[] | undefined)?.length ?? 0;
  io.out(`imported PagerDuty schedule ${schedule.name} as rotation ${converted.id} (${converted.timeZone}, ${(converted.rotation["layers"] as unknown[]).length} layer(s)${history ? `, ${history} earlier schedule(s)` : ""}, ${schedule.overrides.length} override(s))${convertedPolicy ? ` and escalation policy ${convertedPolicy.id}` : ""} → ${written.join(", ")}`);
  for (const n of notes) io.out(`${n.file}: ${n.path}: ${n.level}: ${n.message}`);
  let disagrees = false;
  if (chosen.agreement) {
    const a = chosen.agreement;
    io.out(`${a.agreed === a.checked ? "agrees" : "DISAGREES"} with PagerDuty's final schedule at ${a.agreed} of ${a.checked} hourly and handoff checks (${a.from ?? "-"} to ${a.to ?? "-"})`);
    for (const d of a.differences) io.out(`  ${d.at}: PagerDuty ${d.pagerduty ?? "nobody"}, imported ${d.imported ?? "nobody"}`);
    disagrees = a.agreed !== a.checked;
  } else io.out("the export has no final schedule (GET /schedules/{id} with since and until): on-call was not compared with PagerDuty's");
  const validation = await deps.loadPolicies(dirname(opts.out), basename(opts.out));
  const errors = validation.issues.filter((i) => i.level === "error");
  if (errors.length) io.err(`the policies in ${opts.out} do not validate:\n${formatIssues(errors)}`);
  else io.out(`${opts.out} validates`);
  return errors.length || disagrees || notes.some((n) => n.level === "error") ? EXIT.problems : EXIT.ok;
}

// checklists.yaml, playbooks.yaml and access.yaml → what responders are given and allowed to do.
import type { PolicyFileKind } from "../kinds.js";
import type { AccessPolicy, Checklist, ChecklistDoneWhen, Playbook, Severity } from "../types.js";
import { SEVERITIES } from "../types.js";
import { parseMatcherList } from "../matchers-ref.js";

export const checklistsKind: PolicyFileKind<"checklists"> = {
  id: "checklists",
  path: "checklists.yaml",
  schema: "checklists.schema.json",
  fills: ["checklists"],
  normalise(doc, report) {
    type RawItem = string | { text: string; severities?: Severity[]; done_when?: ChecklistDoneWhen[] };
    const raw = (doc.value as { checklists: { id: string; title: string; when?: string; severities?: Severity[]; items: RawItem[] }[] }).checklists;
    const ids = new Set<string>();
    const checklists: Checklist[] = raw.map((c, i) => {
      if (ids.has(c.id)) report.error(doc.at(["checklists", i, "id"]), `checklist id \`${c.id}\` is used twice; ids must be unique`);
      ids.add(c.id);
      const severities = c.severities ?? [...SEVERITIES];
      const items = c.items.map((item, j) => {
        if (typeof item === "string") return { text: item, severities, doneWhen: [] };
        const narrowed = item.severities ?? severities;
        const outside = narrowed.filter((s) => !severities.includes(s));
        if (outside.length > 0) report.error(doc.at(["checklists", i, "items", j, "severities"]), `item severities ${outside.join(", ")} are not among checklist \`${c.id}\`'s (${severities.join(", ")}), so the item would never show`);
        return { text: item.text, severities: narrowed.filter((s) => severities.includes(s)), doneWhen: item.done_when ?? [] };
      });
      return { id: c.id, title: c.title, when: c.when ?? "", severities, items };
    });
    return { checklists };
  },
};

interface RawPlaybook {
  title: string;
  trigger: string;
  match?: string | string[];
  runbooks?: string[];
  actions: { name: string; condition?: string; command: string; runbook?: string }[];
}

export const playbooksKind: PolicyFileKind<"playbooks"> = {
  id: "playbooks",
  path: "playbooks.yaml",
  schema: "playbooks.schema.json",
  fills: ["playbooks"],
  normalise(doc, report) {
    const raw = (doc.value as { playbooks: Record<string, RawPlaybook> }).playbooks;
    const playbooks = Object.create(null) as Record<string, Playbook>;
    for (const [id, p] of Object.entries(raw)) {
      const selectors = p.match === undefined ? [] : Array.isArray(p.match) ? p.match : [p.match];
      const matchers = selectors.map((text, i) =>
        parseMatcherList(text, (message) => report.error(doc.at(Array.isArray(p.match) ? ["playbooks", id, "match", i] : ["playbooks", id, "match"]), message)),
      );
      playbooks[id] = {
        id,
        title: p.title,
        trigger: p.trigger,
        matcherSets: matchers,
        actions: p.actions.map((a) => ({ name: a.name, condition: a.condition ?? null, command: a.command, runbook: a.runbook ?? null })),
        runbooks: p.runbooks ?? [],
        source: doc.at(["playbooks", id]),
      };
    }
    return { playbooks };
  },
};

export const accessKind: PolicyFileKind<"access"> = {
  id: "access",
  path: "access.yaml",
  schema: "access.schema.json",
  fills: ["access"],
  normalise(doc) {
    const raw = doc.value as { minimum_role: AccessPolicy["minimumRole"]; rotation_members_allowed?: boolean; elevated?: { commands: string[]; minimum_role: AccessPolicy["elevated"]["minimumRole"] } };
    return {
      access: {
        minimumRole: raw.minimum_role,
        rotationMembersAllowed: raw.rotation_members_allowed ?? true,
        elevated: raw.elevated ? { commands: raw.elevated.commands, minimumRole: raw.elevated.minimum_role } : { commands: [], minimumRole: "write" },
      },
    };
  },
};

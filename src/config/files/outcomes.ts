// communication.yaml, metrics.yaml and postmortem.yaml → how incidents are told and learned from.
import type { PolicyFileKind } from "../kinds.js";
import { parseDuration } from "../duration.js";
import type { ActionItemRule, CommunicationPolicy, IncidentComponentStatus, PostmortemPolicy, Severity, SuccessMetrics } from "../types.js";

/** Without `component_status`: an outage for P0, a partial one for P1, slowness below that. */
const DEFAULT_COMPONENT_STATUS: Record<Severity, IncidentComponentStatus> = {
  P0: "major_outage",
  P1: "partial_outage",
  P2: "degraded_performance",
  P3: "degraded_performance",
};

export const communicationKind: PolicyFileKind<"communication"> = {
  id: "communication",
  path: "communication.yaml",
  schema: "communication.schema.json",
  fills: ["communication"],
  normalise(doc) {
    const raw = doc.value as {
      templates: CommunicationPolicy["templates"];
      alertmanager_url?: string;
      status_page: {
        enabled: boolean;
        url?: string;
        name?: string;
        triggers: { event: CommunicationPolicy["statusPage"]["triggers"][number]["event"]; action: string; severity_filter?: Severity[] }[];
        components: Record<string, string>;
        component_status?: Partial<Record<Severity, IncidentComponentStatus>>;
        partial_outage_weight?: number;
        dashboard?: boolean;
      };
    };
    const sp = raw.status_page;
    return {
      communication: {
        templates: raw.templates,
        alertmanagerUrl: raw.alertmanager_url ?? null,
        statusPage: {
          enabled: sp.enabled,
          url: sp.url ?? null,
          name: sp.name ?? "Status",
          triggers: sp.triggers.map((t) => ({ event: t.event, action: t.action, severities: t.severity_filter ?? ["P0", "P1", "P2", "P3"] })),
          components: sp.components,
          componentStatus: { ...DEFAULT_COMPONENT_STATUS, ...sp.component_status },
          partialOutageWeight: sp.partial_outage_weight ?? 0.3,
          dashboard: sp.dashboard ?? false,
        },
      },
    };
  },
};

export const metricsKind: PolicyFileKind<"metrics"> = {
  id: "metrics",
  path: "metrics.yaml",
  schema: "metrics.schema.json",
  fills: ["metrics"],
  normalise(doc) {
    const m = (doc.value as { success_metrics: { mtta: string; mttd: string; mttr: string; recurrence_rate: number; postmortem_completion: { severities: Severity[]; min: number }; action_item_completion: number } }).success_metrics;
    const success: SuccessMetrics = {
      mttaMax: parseDuration(m.mtta) ?? 0,
      mttdMax: parseDuration(m.mttd) ?? 0,
      mttrMax: parseDuration(m.mttr) ?? 0,
      recurrenceRateMax: m.recurrence_rate,
      postmortemCompletion: m.postmortem_completion,
      actionItemCompletionMin: m.action_item_completion,
    };
    return { metrics: { success } };
  },
};

interface RawPostmortem {
  required_for: Severity[];
  time_zone: string;
  template: string;
  reviewers: { commander?: boolean; service_owners?: boolean; extra?: string[]; approvals: Record<Severity, number> };
  required_sections: string[];
  action_item_rules: { name: string; when: { root_cause_mentions?: string[]; detection_longer_than?: string }; title: string; owner: string; due: string; priority: ActionItemRule["priority"] }[];
  patterns: { window: string; min_occurrences: number };
}

export const postmortemKind: PolicyFileKind<"postmortem"> = {
  id: "postmortem",
  path: "postmortem.yaml",
  schema: "postmortem.schema.json",
  fills: ["postmortem"],
  normalise(doc) {
    const r = doc.value as RawPostmortem;
    const postmortem: PostmortemPolicy = {
      requiredFor: r.required_for,
      timeZone: r.time_zone,
      template: r.template,
      reviewers: { commander: r.reviewers.commander ?? true, serviceOwners: r.reviewers.service_owners ?? true, extra: r.reviewers.extra ?? [], approvals: r.reviewers.approvals },
      requiredSections: r.required_sections,
      actionItemRules: r.action_item_rules.map((a) => ({
        name: a.name,
        when: a.when.root_cause_mentions ? { rootCauseMentions: a.when.root_cause_mentions } : { detectionLongerThan: parseDuration(a.when.detection_longer_than ?? "0s") ?? 0 },
        title: a.title,
        owner: a.owner,
        due: parseDuration(a.due) ?? 0,
        priority: a.priority,
      })),
      patterns: { window: parseDuration(r.patterns.window) ?? 0, minOccurrences: r.patterns.min_occurrences },
    };
    return { postmortem };
  },
};

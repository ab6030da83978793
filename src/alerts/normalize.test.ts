import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromDispatch, normalize, normalizeText, sniffSource } from "./registry.js";
import { labelFingerprint } from "./fields.js";
import { PayloadError } from "./types.js";

const examples = join(import.meta.dirname, "..", "..", "examples", "alerts");
const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(examples, name), "utf8")) as Record<string, unknown>;
const amAlert = (over: Record<string, unknown> = {}) => ({
  status: "firing",
  labels: { alertname: "HighErrorRate", service: "api" },
  annotations: { summary: "5xx" },
  startsAt: "2026-03-02T09:55:00Z",
  endsAt: "0001-01-01T00:00:00Z",
  generatorURL: "http://prometheus/graph",
  fingerprint: "6a1b2c3d4e5f6071",
  ...over,
});
const am = (alerts: unknown, over: Record<string, unknown> = {}) => ({ version: "4", groupKey: "{}:{}", status: "firing", receiver: "r", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "", truncatedAlerts: 0, alerts, ...over });
const fields = (r: { errors: PayloadError[] }) => r.errors.map((e) => e.field);

describe("every example payload", () => {
  it.each(readdirSync(examples).filter((f) => f.endsWith(".json")))("%s normalizes without errors", (file) => {
    const r = normalizeText(readFileSync(join(examples, file), "utf8"), null);
    expect(r.errors).toEqual([]);
    expect(r.alerts.length).toBeGreaterThan(0);
  });
});

describe("Alertmanager v4", () => {
  it("reads alerts, the zero endsAt, nanosecond times and keeps meta and the raw payload", () => {
    const payload = example("service-down.json");
    const r = normalize("alertmanager", payload);
    expect(r.alerts).toEqual([
      {
        source: "alertmanager",
        fingerprint: "a3f1c2d4e5b60718",
        status: "firing",
        labels: expect.objectContaining({ alertname: "ServiceDown", job: "api" }) as unknown,
        annotations: expect.objectContaining({ summary: "API target api-1.internal:9090 is down" }) as unknown,
        startsAt: "2026-03-02T09:58:30.123Z",
        endsAt: null,
        generatorURL: expect.stringContaining("prometheus") as unknown,
      },
    ]);
    expect(r.meta).toMatchObject({ groupKey: '{}:{alertname="ServiceDown"}', truncatedAlerts: 0, receiver: "incident-as-code" });
    expect(r.raw).toBe(payload);
  });

  it("tolerates unknown fields such as notification_reason", () => {
    expect(normalize("alertmanager", am([amAlert({ extra: 1 })], { notification_reason: "new_alerts" })).errors).toEqual([]);
  });

  it("reads resolved alerts with their endsAt", () => {
    const r = normalize("alertmanager", example("resolved.json"));
    expect(r.alerts.map((a) => [a.status, a.endsAt])).toEqual([["resolved", "2026-03-02T10:20:00.000Z"], ["resolved", "2026-03-02T10:20:00.000Z"]]);
  });

  it("computes Alertmanager's fingerprint when the sender gives none", () => {
    // Alertmanager's model.LabelSet{"alertname": "Watchdog"}.Fingerprint()
    expect(labelFingerprint({ alertname: "Watchdog" })).toMatch(/^[0-9a-f]{16}$/);
    const r = normalize("alertmanager", am([amAlert({ fingerprint: undefined })]));
    expect(r.alerts[0]?.fingerprint).toBe(labelFingerprint({ alertname: "HighErrorRate", service: "api" }));
  });
});

describe("bad input is an error or a recorded outcome, never an exception", () => {
  it("not JSON", () => {
    const r = normalizeText("{not json", null);
    expect(fields(r)).toEqual(["$"]);
    expect(r.errors[0]?.message).toMatch(/^not valid JSON/);
    expect(r.raw).toBe("{not json");
  });

  it.each([[[1, 2]], ["text"], [42], [null]])("JSON that is not an object: %j", (value) => {
    expect(fields(normalize("alertmanager", value))).toEqual(["$"]);
    expect(fields(normalizeText(JSON.stringify(value), null))).toEqual(["$"]);
  });

  it.each([["3"], [4], [undefined]])("unknown version %j", (version) => {
    const r = normalize("alertmanager", am([amAlert()], { version }));
    expect(r.errors.map((e) => e.toString())).toEqual([expect.stringMatching(/^version: Alertmanager webhook version .* is not supported; expected "4"$/)]);
  });

  it.each([[undefined, /is missing/], [{}, /expected an array/], ["x", /expected an array/], [[], /is empty/]])("alerts = %j", (alerts, message) => {
    const r = normalize("alertmanager", am(alerts));
    expect(fields(r)).toEqual(["alerts"]);
    expect(r.errors[0]?.message).toMatch(message);
  });

  it("50,000 alerts: the first 10,000 are processed, the rest reported, nothing thrown", () => {
    const alerts = Array.from({ length: 50_000 }, (_, i) => amAlert({ fingerprint: `f${i}` }));
    const r = normalize("alertmanager", am(alerts));
    expect(r.alerts).toHaveLength(10_000);
    expect(r.errors.map((e) => e.message)).toEqual(["50000 alerts exceed the limit of 10000; alerts[10000..49999] were not processed (the raw payload is kept)"]);
  });

  it("a 1 MB label value is truncated with a warning", () => {
    const r = normalize("alertmanager", am([amAlert({ labels: { alertname: "Big", blob: "x".repeat(1024 * 1024) } })]));
    expect(r.errors).toEqual([]);
    expect(r.alerts[0]?.labels["blob"]?.length).toBeLessThan(1100);
    expect(r.warnings).toEqual([{ field: "alerts[0].labels.blob", message: "value of 1048576 characters truncated to 1024" }]);
  });

  it.each([
    [{ startsAt: "yesterday" }, "alerts[0].startsAt", /not an RFC 3339 time/],
    [{ startsAt: "Jan 1 2026" }, "alerts[0].startsAt", /not an RFC 3339 time/],
    [{ startsAt: undefined }, "alerts[0].startsAt", /is missing/],
    [{ startsAt: "0001-01-01T00:00:00Z" }, "alerts[0].startsAt", /zero time/],
    [{ startsAt: 1700000000 }, "alerts[0].startsAt", /expected an RFC 3339 time string/],
    [{ endsAt: "2026-13-45T00:00:00Z" }, "alerts[0].endsAt", /not an RFC 3339 time/],
    [{ status: "pending" }, "alerts[0].status", /expected "firing" or "resolved"/],
    [{ labels: "x" }, "alerts[0].labels", /expected an object/],
  ])("invalid alert %j: that alert is rejected, the others kept", (over, field, message) => {
    const r = normalize("alertmanager", am([amAlert(over), amAlert({ fingerprint: "ok" })]));
    expect(r.errors.map((e) => [e.field, e.message])).toEqual([[field, expect.stringMatching(message)]]);
    expect(r.alerts.map((a) => a.fingerprint)).toEqual(["ok"]);
  });

  it("an unknown source", () => {
    const r = normalize("nagios", {});
    expect(r.errors.map((e) => e.toString())).toEqual(['source: unknown alert source "nagios"; expected one of alertmanager, grafana, alert']);
    const d = fromDispatch({ action: "nagios", client_payload: { payload: {} } });
    expect(fields(d)).toEqual(["event_type"]);
    expect(fields(normalize(null, { hello: "world" }))).toEqual(["$"]);
  });

  it("duplicate fingerprints in one payload: one copy per episode, the resolved one wins", () => {
    const r = normalize("alertmanager", am([amAlert(), amAlert({ status: "resolved", endsAt: "2026-03-02T10:00:00Z" }), amAlert({ startsAt: "2026-03-02T09:00:00Z" })]));
    expect(r.alerts.map((a) => [a.status, a.startsAt])).toEqual([
      ["resolved", "2026-03-02T09:55:00.000Z"],
      ["firing", "2026-03-02T09:00:00.000Z"],
    ]);
    expect(r.warnings.map((w) => w.field)).toEqual(["alerts[1]"]);
  });

  it("resolved before firing: endsAt is set to startsAt, with a warning", () => {
    const r = normalize("alertmanager", am([amAlert({ status: "resolved", endsAt: "2026-03-02T09:00:00Z" })]));
    expect(r.alerts[0]?.endsAt).toBe("2026-03-02T09:55:00.000Z");
    expect(r.warnings[0]?.field).toBe("alerts[0].endsAt");
  });

  it("truncatedAlerts > 0 is recorded in meta and warned about", () => {
    const r = normalize("alertmanager", am([amAlert()], { truncatedAlerts: 7 }));
    expect(r.meta.truncatedAlerts).toBe(7);
    expect(r.warnings).toEqual([{ field: "truncatedAlerts", message: expect.stringMatching(/dropped 7 alert/) as unknown }]);
  });

  it("PayloadError is typed and not retryable", () => {
    const [e] = normalize("alertmanager", 1).errors;
    expect(e).toBeInstanceOf(PayloadError);
    expect(e?.retryable).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ field: "$", message: "expected an Alertmanager webhook object, got number 1" });
  });
});

describe("sources and the dispatch convention", () => {
  it.each([
    ["alertmanager-v4.json", "alertmanager"],
    ["grafana.json", "grafana"],
    ["generic.json", "alert"],
  ])("sniffs %s as %s", (file, source) => {
    expect(sniffSource(example(file))).toBe(source);
  });

  it("reads a repository_dispatch event (action or event_type) and prefixes fields", () => {
    const event = example("repository-dispatch-alertmanager.json");
    const r = fromDispatch(event);
    expect(r.source).toBe("alertmanager");
    expect(r.alerts[0]?.labels["alertname"]).toBe("ServiceDown");
    expect(r.raw).toBe(event);
    const bad = fromDispatch({ event_type: "alertmanager", client_payload: { payload: am([amAlert({ startsAt: "x" })]) } });
    expect(fields(bad)).toEqual(["client_payload.payload.alerts[0].startsAt"]);
    expect(fields(fromDispatch({ action: "grafana", client_payload: { alerts: [] } }))).toEqual(["client_payload.payload"]);
  });

  it("keeps Grafana's links as annotations", () => {
    const r = normalize("grafana", example("grafana.json"));
    expect(r.alerts[0]?.annotations).toMatchObject({ dashboard_url: expect.stringContaining("/d/auth/") as unknown, panel_url: expect.stringContaining("viewPanel=4") as unknown });
  });

  it("generic: a single alert, status and startsAt defaulted from the time received", () => {
    const r = normalize("alert", { labels: { alertname: "Ping", service: "web" } }, { receivedAt: "2026-03-02T10:00:00.000Z" });
    expect(r.alerts).toMatchObject([{ source: "alert", status: "firing", startsAt: "2026-03-02T10:00:00.000Z", endsAt: null }]);
    expect(r.warnings.map((w) => w.field)).toEqual(["$.startsAt"]);
  });
});

describe("labels named like Object.prototype properties", () => {
  it("keeps __proto__ and constructor as own labels, also when a value needs repair", () => {
    const text = JSON.stringify(am([amAlert({ labels: JSON.parse('{"alertname":"X","__proto__":5,"constructor":"c"}') as unknown })]));
    const [a] = normalizeText(text, null).alerts;
    expect(Object.getPrototypeOf(a?.labels)).toBe(Object.prototype);
    expect(Object.hasOwn(a?.labels ?? {}, "__proto__")).toBe(true);
    expect(Object.entries(a?.labels ?? {})).toEqual([["alertname", "X"], ["__proto__", "5"], ["constructor", "c"]]);
  });
});

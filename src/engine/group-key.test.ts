import { describe, expect, it } from "vitest";
import { groupKeyOf } from "./correlate.js";

describe("groupKeyOf", () => {
  it("keeps the form incident records hold for correlation's group_by", () => {
    expect(groupKeyOf(["__service", "__component", "__error_type"], { __service: "api", __component: "http", __error_type: "error_rate" }, false)).toBe("api:http:error_rate");
    expect(groupKeyOf(["__service", "__component", "__error_type"], { __service: "api", __error_type: "error_rate" }, false)).toBe("api::error_rate");
  });

  it.each<[Record<string, string>, Record<string, string>]>([
    [{ a: "x:", b: "y" }, { a: "x", b: ":y" }],
    [{ a: "x\\", b: "y" }, { a: "x", b: "\\y" }],
    [{ a: "x\\:", b: "" }, { a: "x\\", b: ":" }],
    [{ a: "x=y" }, { a: "x", b: "y" }],
  ])("never gives %j and %j the same key", (one, two) => {
    for (const named of [false, true]) expect(groupKeyOf(["a", "b"], one, named)).not.toBe(groupKeyOf(["a", "b"], two, named));
    expect(groupKeyOf(["..."], one, true)).not.toBe(groupKeyOf(["..."], two, true));
  });

  it("does not depend on the order of a route's group_by or of the alert's labels", () => {
    const labels = { service: "api", alertname: "X", env: "prod" };
    expect(groupKeyOf(["service", "alertname"], labels, true)).toBe(groupKeyOf(["alertname", "service"], labels, true));
    expect(groupKeyOf(["..."], labels, true)).toBe(groupKeyOf(["..."], { env: "prod", alertname: "X", service: "api" }, true));
  });

  it("separates route group_by lists that name different labels with the same values", () => {
    expect(groupKeyOf(["alertname"], { alertname: "x" }, true)).not.toBe(groupKeyOf(["service"], { service: "x" }, true));
    expect(groupKeyOf(["alertname"], { alertname: "x" }, true)).not.toBe(groupKeyOf(["alertname"], { alertname: "x" }, false));
  });

  it("groups by every label with ['...'], ignoring empty ones and never seeing Object.prototype", () => {
    expect(groupKeyOf(["..."], { b: "2", a: "1", c: "" }, true)).toBe("a=1:b=2");
    expect(groupKeyOf(["constructor"], {}, true)).toBe("constructor=");
  });
});

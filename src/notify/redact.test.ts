import { describe, expect, it } from "vitest";
import { hideUrl, redact, secretParts } from "./redact.js";

describe("secretParts and redact", () => {
  it.each([
    ["a Slack webhook's path", "https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/AbCdEfGhIjKlMnOpQrStUvWx", ["AbCdEfGhIjKlMnOpQrStUvWx", "/services/T0ABCDEFG/B0ABCDEFG/AbCdEfGhIjKlMnOpQrStUvWx"]],
    ["a Teams workflow's signature", "https://prod.westus.logic.azure.com/workflows/0f1e2d3c4b5a69788796a5b4c3d2e1f0/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA", ["Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"]],
    ["an SMTP URL's password, raw and decoded", "smtps://mailer:p%40ss%2Fw0rd@smtp.example.com:465", ["p%40ss%2Fw0rd", "p@ss/w0rd"]],
    ["a routing key", "R0123456789abcdef0123456789abcde", ["R0123456789abcdef0123456789abcde"]],
  ])("%s", (_name, secret, leaks) => {
    const parts = secretParts(secret);
    for (const leak of leaks) {
      expect(parts).toContain(leak);
      expect(redact(`error near ${leak} and ${encodeURIComponent(leak)}!`, parts)).toBe("error near *** and ***!");
    }
  });

  it("does not mangle ordinary words that are path segments (services, triggers)", () => {
    const parts = secretParts("https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/AbCdEfGhIjKlMnOpQrStUvWx");
    expect(redact("services have been restored; triggers fired", parts)).toBe("services have been restored; triggers fired");
  });

  it("hideUrl keeps only scheme and host", () => {
    expect(hideUrl("https://user:pw@hooks.slack.com/services/T/B/X?y=1")).toBe("https://hooks.slack.com/…");
    expect(hideUrl("not a url")).toBe("(not a URL)");
  });
});

// Security headers on pages, API routes and the agent API; HSTS only over https.
import { expect, test } from "@playwright/test";
import { baseURL, call } from "../support/http";

const PATHS = ["/signin", "/w/acme/b/WEB", "/api/health", "/api/w/acme/boards", "/api/v1/openapi.json"];

for (const path of PATHS) {
  test(`${path} carries the security headers`, async () => {
    const { headers } = await call("owner", "GET", path);
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("x-frame-options")).toBe("DENY");
    const csp = headers.get("content-security-policy") ?? "";
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("x-powered-by")).toBeNull();
  });
}

test("HSTS is sent when the app is served over https", async () => {
  const response = await fetch(`${baseURL}/api/health`, { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
});

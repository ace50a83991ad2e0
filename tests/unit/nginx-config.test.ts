import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/core/http-guards";

// The nginx configuration the two-instance test runs (scripts/support/nginx.conf.template) and the
// one the README tells operators to use must be the same: the README's `upstream` and `location`
// blocks are the template's, inside an HTTPS server.

const template = fs.readFileSync("scripts/support/nginx.conf.template", "utf8");
const readme = fs.readFileSync("README.md", "utf8");

function block(text: string, name: string): string[] {
  const match = new RegExp(`# begin ${name}\\n([\\s\\S]*?)# end ${name}`).exec(text);
  if (!match) throw new Error(`no "# begin ${name}" … "# end ${name}" block`);
  return match[1]!
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

describe("the nginx configuration", () => {
  it("the README's location block is the tested one", () => {
    expect(block(readme, "portal location")).toEqual(block(template, "portal location"));
  });

  it("the README's upstream block is the tested one, with real instances in place of the placeholder", () => {
    const tested = block(template, "portal upstream");
    const documented = block(readme, "portal upstream");
    const at = tested.indexOf("{{UPSTREAM_SERVERS}}");
    expect(at).toBeGreaterThan(0);
    const servers = documented.slice(at, documented.length - (tested.length - at - 1));
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const line of servers) expect(line).toMatch(/^server \S+:\d+;$/);
    expect([...documented.slice(0, at), ...documented.slice(at + servers.length)]).toEqual(
      tested.filter((line) => line !== "{{UPSTREAM_SERVERS}}"),
    );
  });

  it("lets through the largest body the app accepts, and passes the headers TRUST_PROXY reads", () => {
    const limit = /client_max_body_size (\d+)m;/.exec(template)?.[1];
    expect(Number(limit) * 1024 * 1024).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
    expect(template).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(template).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
  });
});

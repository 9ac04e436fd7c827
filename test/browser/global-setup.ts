// Once per browser run: build the sample site into a temporary folder and serve it on localhost.
import type { TestProject } from "vitest/node";
import { buildSampleSite } from "../helpers/sample-site.ts";
import { serveSite } from "../helpers/static-server.ts";

/** Builds and serves the sample site; provides its URL as `siteUrl`; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await buildSampleSite();
  const server = await serveSite(site.output);
  project.provide("siteUrl", server.url);
  return async () => {
    await server.close();
    await site.remove();
  };
}

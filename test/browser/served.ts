// The sample site global-setup.ts serves for the run, as the tests see it.
import { inject } from "vitest";

/** The URL of a path on the served sample site. */
export function siteUrl(path: string): string {
  return `${inject("siteUrl")}${path}`;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the served sample site, without a trailing slash. */
    siteUrl: string;
  }
}

// How Eleventy's dev server (@11ty/eleventy-dev-server 2.x) is set up here: its options, and the one patch it needs.
import type { DevServer } from "./eleventy-api.ts";
import { requestGuard } from "./request-guard.ts";

/** The dev server's options for Eleventy's `setServerOptions`: quiet, no DOM diffing, hostile paths refused. */
export const devServerOptions = {
  // Pages reach the output through the sink, so Eleventy's copy of a page is empty: reload instead of diffing.
  domDiff: false,
  middleware: [requestGuard],
  messageOnStart: () => false,
  logger: { info: () => undefined, log: () => undefined, error: (message: string) => console.error(message) },
};

/**
 * Patches Eleventy's dev server 2.x, which listens on every interface and lets a failing request
 * reject unhandled: it listens on `host` (a port taken moves to the next one, as before), and a
 * request that throws gets a 500 and one line on standard error.
 */
export function listenOn(server: DevServer, host: string): void {
  server._serverListen = (port: number) => server.server.listen({ port, host });
  const handle = server.onRequestHandler.bind(server);
  server.onRequestHandler = async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      console.error(`Dev server: ${(req as { url?: string }).url ?? "a request"} failed: ${String(error)}`);
      const r = res as { headersSent: boolean; statusCode: number; end(): void };
      if (!r.headersSent) r.statusCode = 500;
      r.end();
    }
  };
}

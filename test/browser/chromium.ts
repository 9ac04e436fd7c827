// Debian's Chromium, launched the same way for the browser tests and the Lighthouse gate, and a
// watcher that collects what a page did wrong: console errors (CSP violations among them), uncaught
// exceptions and failed requests.
import { chromium, type Browser, type Page } from "playwright-core";

/** The Chromium binary: CHROMIUM in the environment, else Debian's. */
export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Flags for a quiet headless Chromium that reaches nothing but the pages it is sent to. */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches Debian's Chromium through playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/**
 * Starts recording a page's problems; returns the list, which fills as the page runs.
 * `expectedStatus` is the status the page's own document should have (404 for the not-found page).
 */
export function watchProblems(page: Page, expectedStatus = 200): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium logs a document served with an error status, as the not-found page is meant to be.
    const ownStatus = message.location().url === page.url() && message.text().includes(`status of ${expectedStatus} `);
    if (!ownStatus) problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText;
    // Cancelled, not broken: the browser aborts what the last page still loads when the next navigation
    // starts (its favicon, fetched after the load event). A missing file is a status, caught below.
    if (error !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on("response", (response) => {
    const document = response.request().isNavigationRequest() && response.frame() === page.mainFrame();
    if (document ? response.status() !== expectedStatus : response.status() >= 400) {
      problems.push(
        `status ${response.status()} for ${response.url()}${document ? `, expected ${expectedStatus}` : ""}`,
      );
    }
  });
  return problems;
}

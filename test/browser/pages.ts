// The kinds of page the browser suite visits, as data: a new kind of page is one more entry.
/** One kind of page: a name for messages and screenshots, a path on the sample site, the status it is served with. */
export interface PageKind {
  name: string;
  path: string;
  status?: number;
  /** A selector the page shows once its scripts have filled it in (the search results); checks wait for it. */
  ready?: string;
}

/** One page of each kind from the sample site (content/). */
export const pageKinds: PageKind[] = [
  { name: "home", path: "/" },
  { name: "article", path: "/2026/11/24/harbour-bridge-reopens/" },
  { name: "article-corrected", path: "/2026/11/23/valley-water-fined-sewage-spills/" },
  { name: "day", path: "/2026/11/24/" },
  { name: "tag", path: "/tags/transport/" },
  { name: "tag-index", path: "/tags/" },
  { name: "source", path: "/sources/northbridge-courier/" },
  { name: "source-index", path: "/sources/" },
  // A story of five reports from five outlets (issue 16): timeline, feeds, CollectionPage.
  { name: "story", path: "/stories/harbour-bridge-reopening/" },
  // With a query, so that the results are checked (axe, focus, width) as well as the form.
  { name: "search", path: "/search/?q=harbour", ready: "#search-results > li" },
  // Any unknown address gets the 404 page, as a static host serves it.
  { name: "not-found", path: "/no-such-page/", status: 404 },
];

/** The phone and desktop viewports of the screenshots. */
export const viewports = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 900 },
};

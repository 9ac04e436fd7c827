// `/_headers`: HTTP headers for hosts that read the file (Netlify, Cloudflare Pages).
import { hostHeaders } from "../src/formats/host-headers.ts";
import type { Digest } from "../src/digest/view-model.ts";

export default {
  data: { permalink: "/_headers", eleventyExcludeFromCollections: true },
  render: ({ digest }: { digest: Digest }) => hostHeaders(digest.settings.pathPrefix),
};

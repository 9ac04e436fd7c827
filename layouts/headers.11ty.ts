// `/_headers`: HTTP headers for hosts that read the file (Netlify, Cloudflare Pages).
import { hostHeaders } from "../src/host-headers.ts";

export default {
  data: { permalink: "/_headers", eleventyExcludeFromCollections: true },
  render: () => hostHeaders(),
};

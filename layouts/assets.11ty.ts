// The stylesheet and the browser script, served from /assets/.
import { readFileSync } from "node:fs";

const FILES = ["site.css", "relative-time.js"];

export default {
  data: {
    pagination: { data: "files", size: 1, alias: "file" },
    files: FILES,
    permalink: ({ file }: { file: string }) => `/assets/${file}`,
    eleventyExcludeFromCollections: true,
  },
  render: ({ file }: { file: string }) => readFileSync(new URL(`./assets/${file}`, import.meta.url), "utf8"),
};

// The template that publishes the stylesheet, the browser scripts and the icon under /assets/.
import { type AssetFile, asset, FILES } from "./assets.ts";

export default {
  data: () => ({
    pagination: { data: "assetFiles", size: 1, alias: "file" },
    assetFiles: FILES.map(asset),
    permalink: ({ file }: { file: AssetFile }) => file.url,
    eleventyExcludeFromCollections: true,
  }),
  render: ({ file }: { file: AssetFile }) => file.content,
};

// The template that publishes the stylesheet, the browser scripts and the icon under /assets/.
import type { Digest } from "../src/digest/view-model.ts";
import { type AssetFile, assetFiles } from "./assets.ts";

export default {
  data: () => ({
    // One page per asset file as this build read it: the list comes from the build's context, which
    // only the digest carries, so pagination starts from the digest and `before` swaps in the files.
    pagination: {
      data: "digest",
      size: 1,
      alias: "file",
      before: (_: unknown, data: { digest: Digest }) => assetFiles(data.digest.context),
    },
    permalink: ({ file }: { file: AssetFile }) => file.url,
    eleventyExcludeFromCollections: true,
  }),
  render: ({ file }: { file: AssetFile }) => file.content,
};

import { describe, expect, it } from "vitest";
import { picture } from "../../src/images/picture.ts";

const image = {
  url: "/media/a-1-800.jpg",
  alt: 'Boats "at" <dawn>',
  width: 800,
  height: 533,
  srcset: "/media/a-1-480.jpg 480w, /media/a-1-800.jpg 800w",
  sources: [{ type: "image/avif", srcset: "/media/a-1-480.avif 480w, /media/a-1-800.avif 800w" }],
};

describe("picture", () => {
  it("loads a lead image eagerly and first, with sources, srcset, sizes, width and height", () => {
    expect(picture(image, "lead").value).toBe(
      '<picture><source type="image/avif" srcset="/media/a-1-480.avif 480w, /media/a-1-800.avif 800w" sizes="(min-width: 44rem) 40rem, 100vw">' +
        '<img src="/media/a-1-800.jpg" srcset="/media/a-1-480.jpg 480w, /media/a-1-800.jpg 800w" sizes="(min-width: 44rem) 40rem, 100vw" alt="Boats &quot;at&quot; &lt;dawn&gt;" width="800" height="533" loading="eager" fetchpriority="high" decoding="async"></picture>',
    );
  });

  it("loads every other image lazily and asynchronously, with an escaped title", () => {
    const html = picture({ ...image, title: "<script>", sources: undefined }, "lazy", "6rem").value;
    expect(html).toBe(
      '<img src="/media/a-1-800.jpg" srcset="/media/a-1-480.jpg 480w, /media/a-1-800.jpg 800w" sizes="6rem" alt="Boats &quot;at&quot; &lt;dawn&gt;" title="&lt;script&gt;" width="800" height="533" loading="lazy" decoding="async">',
    );
  });

  it("writes an empty alt for a decorative image, and no srcset for an image without variants", () => {
    expect(picture({ url: "/media/r.png", alt: "", width: 10, height: 2 }, "lazy").value).toBe(
      '<img src="/media/r.png" alt="" width="10" height="2" loading="lazy" decoding="async">',
    );
  });
});

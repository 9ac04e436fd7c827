// Content-hashed file names, so that hosts may cache assets for ever.
import { createHash } from "node:crypto";

/** `site.css` with content → `site.3f2a9c1d0b.css`: the name changes exactly when the content does. */
export function hashedName(name: string, content: string | Uint8Array): string {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? `${name}.${hash}` : `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

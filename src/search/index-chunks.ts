// Cuts a Pagefind bundle's word index into smaller chunks. Pagefind cuts it into chunks of about 20,000
// word locations (fixed in its binary), and the browser fetches, for each word searched, the whole
// chunk that holds it, in every bundle it searches: in a shard of 2,500 articles a common word comes
// with two or three others as big as itself, and a rare one with thousands of others. Chunks of about
// `chunkBytes` make a search fetch little more than the words it asks for, so bytes per word stop
// growing with the number of shards (docs/search.md, "Bytes per word"). The words' bytes are kept as
// Pagefind wrote them; only the chunk files, the chunk list of the bundle's metadata and the entry
// file that names the metadata change. A bundle not in the format this reads is left as it is.
import {
  arrayHead,
  concat,
  FormatError,
  head,
  hex,
  pack,
  readable,
  readChunkList,
  readWords,
  skip,
  text,
  unpack,
  type Word,
} from "./pagefind-format.ts";

export type { Word } from "./pagefind-format.ts";

/** One file of a bundle, its path relative to the bundle's folder. */
export interface BundleFile {
  path: string;
  content: Uint8Array;
}

/** Options of the chunking. */
export interface ChunkOptions {
  /** Bytes (uncompressed) a chunk of the word index reaches before it is cut. Default 4096; 0 leaves Pagefind's chunks. */
  chunkBytes: number;
}

/** Defaults of the chunking. */
export const chunkDefaults = { chunkBytes: 4096 } satisfies ChunkOptions;

// A chunk boundary between two words sharing more than this many leading characters would split the
// words a search term of three characters or more extends to (Pagefind loads one chunk per term, and
// the page searches as one types); past FORCED times the target, any boundary will do, as Pagefind's
// own chunks never care.
const SHARED_AT_MOST = 2;
const FORCED = 4;

/** The bundle's files (in no particular order) with its word index cut into chunks of about `chunkBytes`. */
export async function rechunk(
  files: readonly BundleFile[],
  options: Partial<ChunkOptions> = {},
): Promise<BundleFile[]> {
  const { chunkBytes } = { ...chunkDefaults, ...options };
  const entryFile = files.find((file) => file.path === "pagefind-entry.json");
  if (chunkBytes <= 0 || !entryFile) return [...files];
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const entry = entryOf(entryFile.content);
  const replaced = new Map<string, Uint8Array | undefined>();
  for (const [language, info] of Object.entries(entry.languages)) {
    const plan = readable(() => planLanguage(byPath, info.hash, chunkBytes));
    // A language without words, or not in the format this reads, keeps Pagefind's chunks.
    if (!plan) continue;
    for (const path of plan.gone) replaced.set(path, undefined);
    info.hash = await writeLanguage(plan, language, replaced);
  }
  if (replaced.size === 0) return [...files];
  replaced.set("pagefind-entry.json", new TextEncoder().encode(JSON.stringify(entry)));
  return files
    .filter((file) => !replaced.has(file.path))
    .concat([...replaced].flatMap(([path, content]) => (content ? [{ path, content }] : [])));
}

/** A language's index read and cut: the files that go, the new chunks, and the metadata around its chunk list. */
interface LanguagePlan {
  gone: string[];
  chunks: Word[][];
  meta: Uint8Array;
  /** Where the chunk list starts and ends in `meta`. */
  list: [number, number];
}

/** The bundle's entry file: each language's metadata hash. */
function entryOf(content: Uint8Array): { languages: Record<string, { hash: string }> } {
  return JSON.parse(new TextDecoder().decode(content));
}

/**
 * A language's metadata (file `pagefind.<hash>.pf_meta`), where its chunk list lies in it, and each chunk
 * with its words, as Pagefind wrote them; undefined without metadata. Throws FormatError on a format
 * this does not read.
 */
function readLanguage(byPath: ReadonlyMap<string, Uint8Array>, hash: string) {
  const metaPath = `pagefind.${hash}.pf_meta`;
  const meta = unpack(byPath.get(metaPath) ?? new Uint8Array());
  if (!meta) return undefined;
  const top = head(meta, 0);
  if (top.major !== 4 || top.value < 3) throw new FormatError();
  // The chunk list is the metadata's third item.
  let at = top.next;
  for (let i = 0; i < 2; i++) at = skip(meta, at);
  const list: [number, number] = [at, skip(meta, at)];
  const chunks = readChunkList(meta, at).map((bounds) => {
    const path = `index/${bounds[2]}.pf_index`;
    const body = unpack(byPath.get(path) ?? new Uint8Array());
    if (!body) throw new FormatError();
    return { bounds, path, words: readWords(body) };
  });
  return { metaPath, meta, list, chunks };
}

/** Reads the language's metadata and chunks (metadata file `hash`) and cuts its words; undefined when it has none. */
function planLanguage(byPath: Map<string, Uint8Array>, hash: string, chunkBytes: number): LanguagePlan | undefined {
  const read = readLanguage(byPath, hash);
  const words = read?.chunks.flatMap((chunk) => chunk.words) ?? [];
  // An index without words keeps Pagefind's (empty) chunk list.
  if (!read || words.length === 0) return undefined;
  const gone = [read.metaPath, ...read.chunks.map((chunk) => chunk.path)];
  return { gone, chunks: cutWords(words, chunkBytes), meta: read.meta, list: read.list };
}

/** Writes the plan's chunk files and metadata into `files` (named as Pagefind names them, by hash); gives the metadata's hash. */
async function writeLanguage(plan: LanguagePlan, language: string, files: Map<string, Uint8Array | undefined>) {
  const packed = await Promise.all(
    plan.chunks.map((chunk) => pack(concat([arrayHead(1), arrayHead(chunk.length), ...chunk.map((w) => w.bytes)]))),
  );
  const list: [string, string, string][] = [];
  for (const [i, chunk] of plan.chunks.entries()) {
    const content = packed[i] ?? new Uint8Array();
    const digest = hex(content);
    // Seven characters as Pagefind's; more if two chunks would share a name.
    let length = 7;
    while (files.get(`index/${language}_${digest.slice(0, length)}.pf_index`)) length++;
    const name = `${language}_${digest.slice(0, length)}`;
    files.set(`index/${name}.pf_index`, content);
    list.push([chunk[0]?.text ?? "", chunk[chunk.length - 1]?.text ?? "", name]);
  }
  // As Pagefind's chunk_meta: neighbours' bounds shortened to one character past what they share.
  for (let i = 0; i + 1 < list.length; i++) {
    const a = [...(list[i]?.[1] ?? "")];
    const b = [...(list[i + 1]?.[0] ?? "")];
    const n = sharedLength(a, b) + 1;
    (list[i] as [string, string, string])[1] = a.slice(0, n).join("");
    (list[i + 1] as [string, string, string])[0] = b.slice(0, n).join("");
  }
  const encoded = concat([arrayHead(list.length), ...list.map((c) => concat([arrayHead(3), ...c.map(text)]))]);
  const [at, end] = plan.list;
  const meta = await pack(concat([plan.meta.subarray(0, at), encoded, plan.meta.subarray(end)]));
  const metaHash = `${language}_${hex(meta).slice(0, 10)}`;
  files.set(`pagefind.${metaHash}.pf_meta`, meta);
  return metaHash;
}

/** Cuts the words (in Pagefind's order) into chunks of about `target` bytes, at boundaries that split no short prefix. */
export function cutWords<W extends { text: string; bytes: Uint8Array }>(words: readonly W[], target: number): W[][] {
  const chunks: W[][] = [];
  let current: W[] = [];
  let size = 0;
  for (const word of words) {
    const last = current[current.length - 1];
    const full = size >= target || word.bytes.length >= target;
    if (last && ((full && sharedLength([...last.text], [...word.text]) <= SHARED_AT_MOST) || size >= FORCED * target)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(word);
    size += word.bytes.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const sharedLength = (a: readonly string[], b: readonly string[]) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * The words of a bundle's index in the order of its metadata's chunk list, with each chunk's [from, to,
 * hash]; undefined when the bundle is not in the format this reads.
 */
export function indexWords(
  files: readonly BundleFile[],
): { words: Word[]; chunks: [string, string, string][] }[] | undefined {
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const entryFile = byPath.get("pagefind-entry.json");
  if (!entryFile) return undefined;
  return readable(() =>
    Object.values(entryOf(entryFile).languages).map(({ hash }) => {
      const read = readLanguage(byPath, hash);
      if (!read) throw new FormatError();
      return { words: read.chunks.flatMap((chunk) => chunk.words), chunks: read.chunks.map((chunk) => chunk.bounds) };
    }),
  );
}

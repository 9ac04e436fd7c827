// The search page's script: asks the Pagefind index (through pagefind.js, its JS API) and shows the
// results. Every piece of text is inserted with textContent or as a text node, never as HTML.
// The index is cut in shards (shards.json lists them newest first, each a Pagefind bundle covering
// its own span of time), merged into one Pagefind; sorted results are joined here in time order.

/** Results shown at first, and added by each "More results". */
export const PAGE = 10;
/** Pause after the last keystroke before searching, in milliseconds. */
const TYPING_PAUSE = 200;
/** The orders the sort menu offers; "relevance" is Pagefind's own ranking. */
const SORTS = { newest: { date: "desc" }, oldest: { date: "asc" } };

/**
 * @typedef {{ q: string, tag: string, source: string, sort: string }} SearchState
 * @typedef {{ text: string, mark: boolean }} ExcerptPart
 */

/**
 * A search as the page's query string says it (`?q=harbour&tag=Transport&sort=newest`).
 * @param {string} query
 * @returns {SearchState}
 */
export function stateFromQuery(query) {
  const params = new URLSearchParams(query);
  const sort = params.get("sort") ?? "";
  return {
    q: (params.get("q") ?? "").trim(),
    tag: params.get("tag") ?? "",
    source: params.get("source") ?? "",
    sort: sort === "newest" || sort === "oldest" ? sort : "relevance",
  };
}

/**
 * The query string for a search, leaving out what is at its default, so links stay short.
 * @param {SearchState} state
 * @returns {string}
 */
export function queryFromState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.tag) params.set("tag", state.tag);
  if (state.source) params.set("source", state.source);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Pagefind's search arguments: the term (null lists everything the filters let through) and options.
 * Without a term there is nothing to rank, so "relevance" lists the newest first.
 * @param {SearchState} state
 * @returns {{ term: string | null, options: { filters: Record<string, string[]>, sort?: Record<string, string> } }}
 */
export function searchArguments(state) {
  /** @type {Record<string, string[]>} */
  const filters = {};
  if (state.tag) filters.tag = [state.tag];
  if (state.source) filters.source = [state.source];
  const sort = state.sort === "oldest" ? SORTS.oldest : state.sort === "newest" || !state.q ? SORTS.newest : undefined;
  return { term: state.q || null, options: sort ? { filters, sort } : { filters } };
}

/** Whether a search asks for anything: words, a tag or a source. @param {SearchState} state */
export function isEmpty(state) {
  return !state.q && !state.tag && !state.source;
}

/**
 * The status line after a search: "3 results for “harbour”", "No results for “harbour”".
 * @param {number} count
 * @param {SearchState} state
 * @param {string} [locale]
 * @returns {string}
 */
export function statusText(count, state, locale) {
  const words = state.q ? ` for “${state.q}”` : "";
  if (count === 0) return `No results${words}`;
  return `${count.toLocaleString(locale || undefined)} ${count === 1 ? "result" : "results"}${words}`;
}

/**
 * A Pagefind excerpt cut into plain text and highlighted words. Pagefind escapes `<` and `>` of the
 * indexed text and wraps matches in <mark>; nothing else in it is markup.
 * @param {string} excerpt
 * @returns {ExcerptPart[]}
 */
export function excerptParts(excerpt) {
  /** @type {ExcerptPart[]} */
  const parts = [];
  excerpt.split(/(<mark>|<\/mark>)/).reduce((marked, piece) => {
    if (piece === "<mark>") return true;
    if (piece === "</mark>") return false;
    const text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (text) parts.push({ text, mark: marked });
    return marked;
  }, false);
  return parts;
}

/**
 * @typedef {{ path: string, from: string, to: string, superseded?: [string, Record<string, string[]>][], overlay?: [string, string][] }} ShardEntry
 * @typedef {{ count: number, take(n: number): Promise<any[]> }} Ordered
 */

/**
 * Best matches: the results of one search over every bundle (Pagefind's merge, by score; on a tie the
 * earlier bundle's first), without those a shard's entry lists as superseded (the delta of the edit
 * overlay holds their article as it is now, or it is gone). A superseded id the delta also lists is the
 * same fragment in both: it is kept once.
 * @template {{ id: string }} R
 * @param {R[]} results
 * @param {ShardEntry[]} bundles
 * @returns {{ count: number, take(n: number): Promise<R[]> }}
 */
export function bestMatches(results, bundles) {
  const drop = new Set(bundles.flatMap((bundle) => (bundle.superseded ?? []).map(([id]) => id)));
  const again = new Set(bundles.flatMap((bundle) => (bundle.overlay ?? []).map(([id]) => id)));
  const seen = new Set();
  const list = drop.size === 0 ? [...results] : results.filter((result) => {
    if (!drop.has(result.id)) return true;
    if (!again.has(result.id) || seen.has(result.id)) return false;
    seen.add(result.id);
    return true;
  });
  return { count: list.length, take: async (n) => list.splice(0, n) };
}

/**
 * A sorted search's results, asked of the bundles lazily. Shards do not overlap in time, so the list
 * in time order is the shards' own sorted lists end to end (newest shard first, or last for "oldest
 * first"): a shard is asked (`resultsOf`, a search restricted to it) only when the list reaches it,
 * and never when `counts` (the merged search's `shard` facet) says it has no result. Results a shard's
 * entry lists as superseded are dropped. The delta's results (asked first) are put in by their instants
 * from the manifest; a shard's result's own time is read (`timeOf`, its data, which showing it loads
 * anyway) only when a delta result falls within that shard's span. `count` is the search's count,
 * known beforehand (from `bestMatches` over the same search unsorted).
 * @template {{ id: string }} R
 * @param {{ count: number, counts: Record<string, number> | undefined, resultsOf(at: number): Promise<R[]> }} search
 * @param {ShardEntry[]} bundles the shards newest first, then the delta if there is one
 * @param {SearchState} state
 * @param {(result: R) => Promise<string>} timeOf the result's instant in UTC ISO form
 * @returns {{ count: number, take(n: number): Promise<R[]> }}
 */
export function orderResults(search, bundles, state, timeOf) {
  const desc = searchArguments(state).options.sort?.date !== "asc";
  const asked = (/** @type {number} */ at) => search.counts?.[bundles[at]?.path ?? ""] !== 0;
  const deltaAt = bundles.findIndex((bundle) => bundle.overlay !== undefined);
  const order = bundles.map((_, at) => at).filter((at) => at !== deltaAt);
  if (!desc) order.reverse();
  const times = new Map(bundles[deltaAt]?.overlay ?? []);
  /** @type {{ result: R, at: string }[] | undefined} */
  let delta;
  const loadDelta = async () => {
    const results = deltaAt >= 0 && asked(deltaAt) ? await search.resultsOf(deltaAt) : [];
    const list = results.map((result) => ({ result, at: times.get(result.id) ?? "" }));
    list.sort((a, b) => (a.at === b.at ? 0 : (a.at < b.at) === desc ? 1 : -1));
    return list;
  };
  const before = (/** @type {string} */ x, /** @type {string} */ y) => (desc ? x > y : x < y);
  /** @type {R[]} */
  let shard = [];
  let span = /** @type {ShardEntry | undefined} */ (undefined);
  let s = 0;
  let i = 0;
  let j = 0;
  /** The current shard's next result, asking the next shards as the list reaches them. */
  const head = async () => {
    while (i >= shard.length && s < order.length) {
      const at = /** @type {number} */ (order[s++]);
      if (!asked(at)) continue;
      span = bundles[at];
      const drop = new Set((span?.superseded ?? []).map(([id]) => id));
      const results = await search.resultsOf(at);
      shard = drop.size > 0 ? results.filter((result) => !drop.has(result.id)) : results;
      i = 0;
    }
    return shard[i];
  };
  /** The next result of the whole list, or undefined at its end. */
  const next = async () => {
    delta ??= await loadDelta();
    const b = await head();
    const d = delta[j];
    let deltaFirst = b === undefined;
    if (b !== undefined && d) {
      const first = (desc ? span?.to : span?.from) ?? "";
      const last = (desc ? span?.from : span?.to) ?? "";
      if (before(d.at, first)) deltaFirst = true;
      else if (before(last, d.at)) deltaFirst = false;
      else deltaFirst = !before(await timeOf(b), d.at);
    }
    if (deltaFirst) {
      j++;
      return d?.result;
    }
    i++;
    return b;
  };
  // One take at a time: two overlapping ones ("More results" clicked twice) would read the same result.
  let queue = Promise.resolve(/** @type {R[]} */ ([]));
  return {
    count: search.count,
    take: (n) =>
      (queue = queue.then(async () => {
        /** @type {R[]} */
        const out = [];
        while (out.length < n) {
          const result = await next();
          if (result === undefined) break;
          out.push(result);
        }
        return out;
      })),
  };
}

if (typeof document !== "undefined") start().catch((/** @type {unknown} */ error) => {
  const status = document.getElementById("search-status");
  if (status) status.textContent = "Search could not load. Please try again later.";
  console.error(error);
});

/**
 * @typedef {{ url: string, excerpt: string, meta: Record<string, string | undefined> }} ResultData
 * @typedef {{ id: string, score: number, data(): Promise<ResultData> }} Result
 * @typedef {{ results: Result[], filters?: Record<string, Record<string, number>> }} SearchResponse
 * @typedef {{
 *   options(o: object): Promise<void>,
 *   mergeIndex(path: string, o: object): Promise<void>,
 *   search(term: string | null, o: object): Promise<SearchResponse | null>,
 * }} Pagefind
 */

/** Wires the form to the index; the page's query string is the search to start with. */
async function start() {
  const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const form = /** @type {HTMLFormElement} */ (byId("search-q").closest("form"));
  const input = /** @type {HTMLInputElement} */ (byId("search-q"));
  const tag = /** @type {HTMLSelectElement} */ (byId("search-tag"));
  const source = /** @type {HTMLSelectElement} */ (byId("search-source"));
  const sort = /** @type {HTMLSelectElement} */ (byId("search-sort"));
  const status = byId("search-status");
  const list = byId("search-results");
  const more = /** @type {HTMLButtonElement} */ (byId("search-more"));
  const locale = document.documentElement.lang;
  status.textContent = "Loading the search index…";

  // The page names the index's script; under a path prefix that URL was moved with every other link.
  const link = /** @type {HTMLLinkElement} */ (document.querySelector('link[rel="modulepreload"][href$="/pagefind.js"]'));
  // The menus' counts come made (filters.json, over every article the index holds, edits included):
  // Pagefind's own would load every shard's filter files, which only a search by tag or source needs.
  const [pagefind, shards, facets] = await Promise.all([
    /** @type {Promise<Pagefind>} */ (import(link.href)),
    fetch(new URL("shards.json", link.href)).then((r) => /** @type {Promise<ShardEntry[]>} */ (r.json())),
    fetch(new URL("filters.json", link.href)).then(
      (r) => /** @type {Promise<Record<string, Record<string, number>>>} */ (r.json()),
    ),
  ]);
  // One Pagefind with every shard (and the delta, listed last) merged in: they share its WebAssembly;
  // separate instances would each load their own over the one module-wide copy. Each shard's records
  // carry a `shard` filter naming it, so a sorted search can ask the shards one by one and join their
  // lists in time order; while a delta supersedes results, every search asks bundle by bundle.
  const basePath = (/** @type {ShardEntry} */ shard) => new URL(shard.path, link.href).pathname;
  const [first, ...rest] = shards;
  if (!first) throw new Error("The search index lists no shards");
  await pagefind.options({ basePath: basePath(first), baseUrl: new URL("..", link.href).pathname, mergeFilter: { shard: first.path } });
  for (const shard of rest) await pagefind.mergeIndex(basePath(shard), { mergeFilter: { shard: shard.path } });
  fillOptions(tag, facets.tag ?? {}, locale);
  fillOptions(source, facets.source ?? {}, locale);

  const initial = stateFromQuery(location.search);
  input.value = initial.q;
  tag.value = initial.tag;
  source.value = initial.source;
  sort.value = initial.sort;
  const current = () => stateFromQuery(queryFromState({ q: input.value, tag: tag.value, source: source.value, sort: sort.value }));

  let generation = 0;
  /** @type {{ count: number, take(n: number): Promise<Result[]> }} */
  let pending = { count: 0, take: async () => [] };
  let shown = 0;
  /** Shows the next few results; the first batch of a search replaces the list and the status line at once. */
  const show = async (/** @type {number} */ run, first = false, state = current()) => {
    const batch = await pending.take(PAGE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (run !== generation) return;
    if (first) {
      list.replaceChildren();
      shown = 0;
      status.textContent = statusText(pending.count, state, locale);
    }
    list.append(...data.map(resultItem));
    shown += batch.length;
    more.hidden = shown >= pending.count;
  };
  const timeOf = async (/** @type {Result} */ result) => new Date((await result.data()).meta.date ?? "").toISOString();
  const search = async () => {
    const run = ++generation;
    const state = current();
    history.replaceState(null, "", `${location.pathname}${queryFromState(state)}`);
    if (isEmpty(state)) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    const { term, options } = searchArguments(state);
    // One search over every bundle, unsorted: best matches by score, the count, and (its `shard` facet)
    // which bundles have results. A sorted search then asks the bundles one at a time, in time order,
    // only as far as the results shown need: each such search runs in every merged bundle.
    const all = await pagefind.search(term, { filters: options.filters });
    if (run !== generation) return;
    const best = bestMatches(all?.results ?? [], shards);
    pending = options.sort
      ? orderResults(
          {
            count: best.count,
            counts: all?.filters?.shard,
            resultsOf: async (at) => {
              const path = shards[at]?.path ?? "";
              const response = await pagefind.search(term, { ...options, filters: { ...options.filters, shard: [path] } });
              return response?.results ?? [];
            },
          },
          shards,
          state,
          timeOf,
        )
      : best;
    await show(run, true, state);
  };

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(search, TYPING_PAUSE);
  });
  for (const select of [tag, source, sort]) select.addEventListener("change", search);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  more.addEventListener("click", () => show(generation));
  await search();
}

/**
 * Adds one option per facet value, by name, with its count; keeps the first ("All …") option.
 * @param {HTMLSelectElement} select
 * @param {Record<string, number>} counts
 * @param {string} locale
 */
function fillOptions(select, counts, locale) {
  const names = Object.keys(counts).sort((a, b) => a.localeCompare(b, locale || undefined));
  select.append(...names.map((name) => new Option(`${name} (${counts[name]})`, name)));
}

/**
 * One result: the headline as a link, then source and date, then the excerpt with its highlights.
 * @param {ResultData} data
 * @returns {HTMLLIElement}
 */
function resultItem(data) {
  const make = (/** @type {string} */ tag, /** @type {string} */ className = "") => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    return element;
  };
  const item = /** @type {HTMLLIElement} */ (make("li"));
  const heading = make("h2");
  const link = /** @type {HTMLAnchorElement} */ (make("a"));
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = make("p", "meta");
  if (data.meta.source) meta.append(`${data.meta.source} · `);
  if (data.meta.date) {
    const time = /** @type {HTMLTimeElement} */ (make("time"));
    time.dateTime = data.meta.date;
    time.textContent = data.meta.time ?? data.meta.date;
    meta.append(time);
  }
  const excerpt = make("p", "excerpt");
  for (const part of excerptParts(data.excerpt)) {
    if (!part.mark) excerpt.append(part.text);
    else excerpt.append(Object.assign(make("mark"), { textContent: part.text }));
  }
  const article = make("article", "result");
  article.append(heading, meta, excerpt);
  item.append(article);
  return item;
}

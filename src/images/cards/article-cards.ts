// Each article's social card (its `og:image`): the jobs made from the articles, and the results as
// images for the pages and files for the output.
import { basename, extname } from "node:path";
import type { Article } from "../../content/article.ts";
import { type Card, type CardJob, type CardProcessing, startCards } from "./card-render.ts";
import { dayFormatter } from "../../content/dates.ts";
import type { CopiedFile } from "../../publish/publisher.ts";
import type { Image } from "../../digest/view-model.ts";
import type { Settings } from "../../content/settings.ts";

/**
 * The cards of `articles`; `leads` holds the source path of each usable lead image. `cards` is
 * complete at once; the files of cards still being drawn (`processing.background`) come with
 * `drawing`, and `assets` holds the rest.
 */
export async function articleCards(
  articles: readonly Article[],
  settings: Settings,
  leads: ReadonlyMap<Article, string>,
  processing: CardProcessing,
): Promise<{ cards: Map<Article, Image>; assets: CopiedFile[]; drawing: Promise<CopiedFile[]> }> {
  // Without generated cards, only articles with a lead image can have one.
  const wanted = settings.socialCards ? articles : articles.filter((a) => leads.has(a));
  const job = cardJob(settings);
  const jobs = wanted.map((a) => job(a, leads.get(a)));
  const { names, drawn } = await startCards(jobs, processing);
  const cards = new Map<Article, Image>();
  // The dev server's plans hand out a kept card as the very object each rebuild: its image is kept by it.
  const images = processing.plans ? (processing.plans.images ??= new WeakMap()) : undefined;
  for (let i = 0; i < wanted.length; i++) {
    const card = names[i];
    const a = wanted[i];
    if (!card || !a) continue;
    // A photo's alt says what it shows; a generated card shows the headline.
    const alt = card.fromLead ? (a.image?.alt ?? "") : a.title;
    const known = images?.get(card);
    const image =
      known?.alt === alt ? known : { url: `/media/${card.name}`, alt, width: card.width, height: card.height };
    images?.set(card, image);
    cards.set(a, image);
  }
  const files = (made: readonly (Card | null)[]) => {
    const assets = made.flatMap((card) => (card ? [{ from: card.file, to: `media/${card.name}` }] : []));
    // Two articles with the same lead image share its card file.
    return [...new Map(assets.map((a) => [a.to, a])).values()];
  };
  if (!processing.background) return { cards, assets: files(await drawn), drawing: Promise.resolve([]) };
  const drawing = drawn.then(files);
  // Awaited by the build before it commits; until then a failure must not count as unhandled.
  drawing.catch(() => undefined);
  return { cards, assets: [], drawing };
}

/** The card job of an article under `settings`, given the source path of its usable lead image, if any. */
export function cardJob(settings: Settings): (a: Article, lead?: string) => CardJob {
  const host = new URL(settings.url).host;
  const formatDay = dayFormatter(settings.locale);
  return (a, lead) => ({
    // A cropped lead image is named after its file, like its other variants; a generated card after the article.
    name: lead ? basename(lead, extname(lead)) : a.slug,
    lead,
    leadOnly: !settings.socialCards,
    text: {
      headline: a.title,
      source: a.source,
      site: settings.title,
      date: formatDay(a.day),
      host,
      language: settings.language,
    },
  });
}

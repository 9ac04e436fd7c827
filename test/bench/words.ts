// Word lists the synthetic corpus builds its outlets, tags, people and prose from (all invented).
const list = (text: string) => text.trim().split(/\s+/);
export const places =
  list(`Harwick Northbridge Ashcombe Fenwick Stanbury Caldmoor Ellerby Greyhaven Brackenhurst Oxley Wendmere
  Copperfield Saltmarsh Redhollow Linwood Aldergate Pennock Dunmore Whitcombe Eastwold Ravensby Millbrook Hallowell
  Tarnside Westerleigh Brightwater Farrowdale Glenholm Kingsferry Larkmoor Nethercott Quarrington`);
export const accentedPlaces = list("Bélcourt Müllheim Sãorosa Ørnevik Lévignac Grünholm Søndervik Vilaçã");
export const outletPatterns = [
  "The # Examiner",
  "# Courier",
  "The # Gazette",
  "# Evening Post",
  "# Herald",
  "The # Ledger",
  "# Wire",
  "# Chronicle",
  "Radio #",
  "# Observer",
  "The # Mercury",
  "# Standard",
  "# Journal",
  "# Daily",
  "The # Sentinel",
  "# Bulletin",
];
export const topics =
  list(`Housing Rail Energy Health Education Flooding Farming Fisheries Tourism Policing Courts Weather Elections
  Budget Transport Buses Ferries Airports Schools Universities Hospitals Science Technology Business Jobs Wages Prices
  Retail Arts Music Theatre Football Cricket Rugby Sailing Heritage Planning Environment Wildlife Rivers Coast Water
  Broadband Roads Cycling Libraries Museums Festivals Charities Immigration Defence Trade Markets Banking Pensions Taxes
  Climate Storms Drought Parks`);
export const qualifiers = list(
  "Local Regional Coastal Rural Urban Public Private Youth Community Emergency Historic Green Digital Northern Southern Cross-border",
);
export const nouns =
  list(`council harbour bridge hospital school budget railway report plan strike market festival library museum
  inquiry ferry tram airport reservoir stadium committee union court clinic station pier factory orchard tunnel canal
  bypass lifeboat observatory theatre archive survey forecast tariff pension harvest election ballot contract scheme levy
  road depot quarry marina laboratory cooperative bakery brewery charity trust board regulator landlord fleet`);
export const adjectives =
  list(`new delayed local regional coastal rural historic controversial ambitious temporary annual independent
  public revised fragile crowded overdue modest record unexpected quiet northern southern disputed costly popular ageing
  long-awaited smaller larger joint seasonal`);
export const verbs =
  list(`approve reject delay review extend question announce postpone debate expand consider defend criticise
  welcome confirm reverse fund restore replace suspend challenge investigate unveil support oppose block revise back
  demand request praise target reopen inspect monitor`);
export const adverbs = list("again yesterday overnight locally today nearby instead regardless already meanwhile");
export const prepositions = list("in near across beyond around after despite before during outside");
export const weekdays = list("Monday Tuesday Wednesday Thursday Friday Saturday Sunday");
export const firstNames = list(
  "Priya Daniel Amira Tomasz Eleanor Kwame Siobhan Rafael Mei Oliver Zoë Søren Inés Jürgen Hannah Farid Lucía Callum Aoife Matteo",
);
export const lastNames = list(
  "Nandakumar Okafor Lindqvist Brennan Achterberg Mensah Castillo Whitfield Haddad Novak Müller Ferreira Gallagher Osei Petrov Sato",
);
export const emoji = ["🚆", "🌧️", "📈", "⚓", "🏥", "🗳️", "🌊", "⚽"];
export const conjunctions = list("while and but as although after");
export const sections = list("news local politics business transport environment sport culture");

/** How the corpus looks: shares of optional features and size ranges, the same for any corpus size. */
export const mix = {
  author: 0.8,
  summary: 0.7,
  updated: 0.1,
  titleQuotes: 0.1,
  titleAmpersand: 0.1,
  titleAccent: 0.1,
  titleEmoji: 0.1,
  subheads: 0.5,
  extraSubhead: 0.35,
  quote: 0.45,
  list: 0.4,
  links: 0.5,
  extraLink: 0.3,
  tagCountWeights: [15, 25, 25, 17, 10, 8],
  zipfExponent: 1,
  titleWords: [5, 14],
  slugWords: 6,
  bodyWords: [300, 1200],
  paragraphWords: [40, 120],
  sentenceWords: [8, 20],
  maxSentenceWords: 24,
  compound: 0.4,
  compoundFrom: 12,
  summaryWords: [12, 30],
  quoteWords: [8, 20],
  listItems: [3, 5],
  listItemWords: [4, 9],
  subheadWords: [2, 5],
  updateDelaySeconds: [600, 48 * 3600],
  inventMisses: 10_000,
} as const;

// Every stem is regular, so "approves" and "approved" are made once here, not per sentence.
export const present = verbs.map((stem) => `${stem}s`);
export const past = verbs.map((stem) => (stem.endsWith("e") ? `${stem}d` : `${stem}ed`));
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

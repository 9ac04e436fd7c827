// Progressive enhancement: <time datetime="..." data-relative> shows "5 minutes ago"
// etc.; the build-time exact text stays in `title` and returns after 7 days.
const MIN = 6e4, HOUR = 36e5, DAY = 864e5;

/**
 * Relative label for `thenMs` seen at `nowMs`, or null to keep the exact time.
 * Truncates: 5 min 59 s ago reads "5 minutes ago".
 * @param {number} thenMs
 * @param {number} nowMs
 * @param {string} [locale]
 * @returns {string | null}
 */
export function relativeLabel(thenMs, nowMs, locale) {
  const d = nowMs - thenMs;
  if (!(d > -MIN && d < 7 * DAY)) return null; // far future, old, or NaN
  const rtf = new Intl.RelativeTimeFormat(locale || undefined, { numeric: "auto" });
  if (d < MIN) return rtf.format(0, "second");
  const [n, unit] = d < HOUR ? [d / MIN, "minute"] : d < DAY ? [d / HOUR, "hour"] : [d / DAY, "day"];
  return rtf.format(-Math.floor(n), /** @type {Intl.RelativeTimeFormatUnit} */ (unit));
}

if (typeof document !== "undefined") {
  /** @type {WeakMap<Element, string>} */
  const exact = new WeakMap();
  const update = () => {
    const lang = document.documentElement.lang, now = Date.now();
    for (const el of document.querySelectorAll("time[data-relative]")) {
      let text = exact.get(el);
      if (text === undefined) {
        exact.set(el, (text = el.textContent || ""));
        if (!el.hasAttribute("title")) el.setAttribute("title", text);
      }
      let label = null;
      try {
        label = relativeLabel(Date.parse(el.getAttribute("datetime") || ""), now, lang);
      } catch {} // bad lang tag: keep the exact time
      if (el.textContent !== (label ??= text)) el.textContent = label;
    }
  };
  update();
  setInterval(update, MIN);
}

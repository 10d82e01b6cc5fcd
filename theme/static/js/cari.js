// The search page (/cari/): runs Pagefind's JavaScript API behind the plain
// form. Without this script the page still offers the archives.
// Reads from .bsf-search: data-bundle (Pagefind's folder) and data-base (site root).

const DEBOUNCE_MS = 250;
const MAX_RESULTS = 20;
const DATE_FORMAT = new Intl.DateTimeFormat("id-ID", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Asia/Makassar",
});

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function optionLabels(select) {
  const labels = {};
  for (const option of select.options) labels[option.value] = option.textContent;
  return labels;
}

function renderResult(result, kindLabels) {
  const item = element("li", "bsf-search__result");
  const heading = element("h2", "bsf-search__title");
  const link = element("a", "bsf-search__link", result.meta.title || result.url);
  link.href = result.url;
  heading.append(link);
  item.append(heading);
  const meta = element("p", "bsf-search__meta");
  const kind = (result.filters.kind || [])[0];
  if (kind) meta.append(element("span", "bsf-search__kind", kindLabels[kind] || kind));
  if (result.meta.date) {
    const when = new Date(result.meta.date);
    if (!Number.isNaN(when.getTime())) {
      const time = element("time", "bsf-search__date", DATE_FORMAT.format(when));
      time.dateTime = result.meta.date;
      if (kind) meta.append(" · ");
      meta.append(time);
    }
  }
  if (meta.childNodes.length) item.append(meta);
  const excerpt = element("p", "bsf-search__excerpt");
  // Pagefind escapes the excerpt's text and adds only <mark> elements.
  excerpt.innerHTML = result.excerpt;
  item.append(excerpt);
  return item;
}

async function start(root) {
  const form = root.querySelector(".bsf-search__form");
  const status = root.querySelector(".bsf-search__status");
  const list = root.querySelector(".bsf-search__results");
  const { q: input, jenis: kind, opd: agency } = form.elements;
  const kindLabels = optionLabels(kind);
  let pagefind;
  try {
    pagefind = await import(`${root.dataset.bundle}pagefind.js`);
    await pagefind.options({
      baseUrl: new URL(root.dataset.base).pathname,
      excerptLength: 30,
    });
    pagefind.init();
  } catch (error) {
    status.textContent =
      "Pencarian sedang tidak tersedia. Silakan telusuri arsip di bawah.";
    return;
  }

  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  kind.value = params.get("jenis") || "";
  agency.value = params.get("opd") || "";

  let latest = 0;
  async function run() {
    const query = input.value.trim();
    const filters = {};
    if (kind.value) filters.kind = kind.value;
    if (agency.value) filters.agency = agency.value;
    const url = new URL(window.location.href);
    url.search = new URLSearchParams(
      Object.entries({ q: query, jenis: kind.value, opd: agency.value }).filter(
        ([, value]) => value,
      ),
    ).toString();
    window.history.replaceState(null, "", url);
    const mine = ++latest;
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Mencari…";
    const search = await pagefind.search(query || null, { filters });
    const results = await Promise.all(
      search.results.slice(0, MAX_RESULTS).map((result) => result.data()),
    );
    if (mine !== latest) return;
    list.replaceChildren(...results.map((result) => renderResult(result, kindLabels)));
    const total = search.results.length;
    const about = query ? ` untuk “${query}”` : "";
    status.textContent = total
      ? `${total} hasil${about}${total > MAX_RESULTS ? `, ${MAX_RESULTS} teratas ditampilkan` : ""}.`
      : `Tidak ada hasil${about}. Coba kata lain atau telusuri arsip di bawah.`;
  }

  let timer;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DEBOUNCE_MS);
  });
  kind.addEventListener("change", run);
  agency.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  root.classList.add("bsf-search--ready");
  if (input.value || kind.value || agency.value) run();
}

const root = document.querySelector(".bsf-search");
if (root) start(root);

/* eventwire dashboard: plain JavaScript, inline SVG charts, no framework, no network beyond
   this server. Every value from the API is inserted as text (textContent), never as HTML. */
"use strict";

const QUADS = {
  1: ["verbal cooperation", "#4c9be8"],
  2: ["material cooperation", "#1b6f3a"],
  3: ["verbal conflict", "#e8a33c"],
  4: ["material conflict", "#c8362f"],
};
const SVGNS = "http://www.w3.org/2000/svg";
const view = () => document.getElementById("view");

// -- small DOM helpers ------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}
function fmt(n, digits) {
  if (n === null || n === undefined) return "–";
  if (typeof n === "number" && digits !== undefined) return n.toFixed(digits);
  return typeof n === "number" ? n.toLocaleString("en") : String(n);
}
function quadDot(q) {
  return el("span", { class: "quad quad-" + (q || "none"), title: q ? QUADS[q][0] : "none" });
}
function actorLabel(ref) {
  if (!ref) return "–";
  return ref.code ? `${ref.text} (${ref.code})` : ref.text;
}
function setStatus(text) { document.getElementById("status").textContent = text || ""; }

// -- API ----------------------------------------------------------------------------------------
async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok || !body || body.ok === false) {
    const message = body && body.error ? body.error : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}
function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? "?" + text : "";
}
function showError(container, error) {
  container.append(el("p", { class: "error", text: "Could not load: " + error.message }));
}

// -- routing ------------------------------------------------------------------------------------
function parseHash() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: Object.fromEntries(new URLSearchParams(search || "")) };
}
function go(path, params) { location.hash = "#" + path + query(params || {}); }

const ROUTES = {
  "": renderOverview,
  dyad: renderDyad,
  events: renderEvents,
  article: renderArticlePage,
  actors: renderActors,
  actor: renderActor,
  quotes: renderQuotes,
  code: renderCode,
};
let routeCount = 0;
async function route() {
  hideTooltip();
  const { parts, params } = parseHash();
  const name = parts[0] || "";
  const handler = ROUTES[name] || renderNotFound;
  document.querySelectorAll("header nav a").forEach((a) => {
    const nav = a.dataset.nav;
    const active = nav === name || (nav === "overview" && name === "") ||
      (nav === "actors" && name === "actor") || (nav === "events" && name === "article");
    a.classList.toggle("active", active);
  });
  const container = view();
  container.replaceChildren();
  container.dataset.page = name || "overview";
  container.dataset.ready = "0";
  container.dataset.route = String(++routeCount);  // lets a test wait for this very render
  try {
    await handler(container, parts.slice(1), params);
  } catch (error) {
    showError(container, error);
  }
  container.dataset.ready = "1";
}
function renderNotFound(container) {
  container.append(el("h1", { text: "Not found" }), el("p", {}, el("a", { href: "#/" }, "Overview")));
}

// -- charts -------------------------------------------------------------------------------------
function niceMax(value) {
  if (value <= 0) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Stacked bars: one per period, stacked by quad class. */
function stackedBars(rows, options) {
  const width = 900, height = 260, left = 44, right = 12, top = 12, bottom = 42;
  const plotW = width - left - right, plotH = height - top - bottom;
  const totals = rows.map((r) => [1, 2, 3, 4].reduce((s, q) => s + (r[q] || 0), 0) + (r.none || 0));
  const max = niceMax(Math.max(1, ...totals));
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": options.label });
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    chart.append(svg("line", { class: "gridline", x1: left, x2: width - right, y1: y, y2: y }),
      svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", text: fmt((max * i) / 4) }));
  }
  const band = plotW / Math.max(rows.length, 1);
  const barW = Math.max(2, Math.min(40, band * 0.7));
  const labelEvery = Math.ceil(rows.length / 12);
  rows.forEach((row, i) => {
    const x = left + band * i + (band - barW) / 2;
    let y = top + plotH;
    for (const q of ["none", 1, 2, 3, 4]) {
      const n = row[q] || 0;
      if (!n) continue;
      const h = (plotH * n) / max;
      y -= h;
      const rect = svg("rect", { class: "bar", x, y, width: barW, height: h,
        fill: q === "none" ? "#aab" : QUADS[q][1] });
      rect.append(svg("title", { text: `${row.period}: ${n} ${q === "none" ? "uncoded" : QUADS[q][0]}` }));
      if (options.onclick) rect.addEventListener("click", () => options.onclick(row));
      chart.append(rect);
    }
    if (i % labelEvery === 0) {
      chart.append(svg("text", { x: x + barW / 2, y: height - bottom + 16, "text-anchor": "middle",
        text: row.period }));
    }
  });
  chart.append(svg("line", { class: "axis", x1: left, x2: width - right, y1: top + plotH, y2: top + plotH }));
  return chart;
}

function quadLegend() {
  return el("div", { class: "legend" }, Object.values(QUADS).map(([name, colour]) => {
    const swatch = el("i");
    swatch.style.background = colour;
    return el("span", {}, swatch, name);
  }));
}

/** Dyad chart: events per period (bars, stacked by quad class), mean Goldstein and tension
    (lines, right axis), alerts as triangles. Clicking a period calls onselect(period). */
function dyadChart(timeline, onselect) {
  const periods = timeline.periods;
  const width = 960, height = 320, left = 44, right = 50, top = 16, bottom = 46;
  const plotW = width - left - right, plotH = height - top - bottom;
  const maxEvents = niceMax(Math.max(1, ...periods.map((p) => p.events)));
  const tensions = periods.map((p) => p.tension);
  const span = Math.max(10, ...tensions.map(Math.abs));
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `timeline ${timeline.actor_a} ${timeline.actor_b}` });
  const yEvents = (n) => top + plotH - (plotH * n) / maxEvents;
  const yRight = (v) => top + plotH / 2 - (plotH / 2) * (v / span);  // -span..span
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    chart.append(svg("line", { class: "gridline", x1: left, x2: width - right, y1: y, y2: y }),
      svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", text: fmt((maxEvents * i) / 4) }),
      svg("text", { x: width - right + 6, y: y + 4, text: fmt(-span + (2 * span * i) / 4, 0) }));
  }
  chart.append(svg("text", { x: 4, y: top - 4, text: "events" }),
    svg("text", { x: width - 4, y: top - 4, "text-anchor": "end", text: "Goldstein / tension" }));
  const band = plotW / Math.max(periods.length, 1);
  const barW = Math.max(2, Math.min(36, band * 0.7));
  const labelEvery = Math.ceil(periods.length / 12);
  const centre = (i) => left + band * i + band / 2;
  periods.forEach((p, i) => {
    let y = top + plotH;
    const x = centre(i) - barW / 2;
    const counts = { 1: p.verbal_cooperation, 2: p.material_cooperation, 3: p.verbal_conflict,
      4: p.material_conflict };
    for (const q of [1, 2, 3, 4]) {
      if (!counts[q]) continue;
      const h = (plotH * counts[q]) / maxEvents;
      y -= h;
      chart.append(svg("rect", { x, y, width: barW, height: h, fill: QUADS[q][1], opacity: 0.8 }));
    }
    if (i % labelEvery === 0) {
      chart.append(svg("text", { x: centre(i), y: height - bottom + 16, "text-anchor": "middle",
        text: p.period }));
    }
    const hit = svg("rect", { class: "hit", x: left + band * i, y: top, width: band, height: plotH,
      fill: "transparent", "data-period": p.period });
    const tension = fmt(p.tension, 2), g = p.goldstein_mean === null ? "–" : fmt(p.goldstein_mean, 2);
    hit.append(svg("title", { text: `${p.period}: ${p.events} events, mean Goldstein ${g}, tension ${tension}` +
      (p.alert ? `, ALERT (${p.alert}, z=${fmt(p.z, 2)})` : "") }));
    hit.addEventListener("click", () => {
      chart.querySelectorAll(".hit.selected").forEach((n) => n.classList.remove("selected"));
      hit.classList.add("selected");
      onselect(p, i);
    });
    chart.append(hit);
  });
  chart.append(svg("line", { class: "axis", x1: left, x2: width - right, y1: yRight(0), y2: yRight(0),
    "stroke-dasharray": "3 3" }));
  const line = (values, colour, dash) => {
    const points = values.map((v, i) => (v === null ? null : `${centre(i)},${yRight(v)}`));
    const segments = [];
    let current = [];
    for (const point of points) {
      if (point === null) { if (current.length) segments.push(current); current = []; }
      else current.push(point);
    }
    if (current.length) segments.push(current);
    for (const seg of segments) {
      chart.append(svg("polyline", { points: seg.join(" "), fill: "none", stroke: colour,
        "stroke-width": 2, "stroke-dasharray": dash || null, "pointer-events": "none" }));
    }
  };
  line(periods.map((p) => (p.events ? p.goldstein_mean : null)), "#1f5fa8");
  line(tensions, "#7a2bb0", "5 3");
  periods.forEach((p, i) => {  // dots, so a single period still shows its values
    if (!p.events) return;
    if (p.goldstein_mean !== null) {
      chart.append(svg("circle", { cx: centre(i), cy: yRight(p.goldstein_mean), r: 3, fill: "#1f5fa8",
        "pointer-events": "none" }));
    }
    chart.append(svg("circle", { cx: centre(i), cy: yRight(p.tension), r: 3, fill: "#7a2bb0",
      "pointer-events": "none" }));
  });
  periods.forEach((p, i) => {
    if (!p.alert) return;
    const x = centre(i), y = yRight(p.tension) - 10;
    const mark = svg("path", { d: `M${x - 6},${y - 10} L${x + 6},${y - 10} L${x},${y}`,
      fill: p.alert === "rise" ? "#c8362f" : "#1b6f3a", class: "alert-mark", "pointer-events": "none" });
    chart.append(mark);
  });
  return chart;
}

/** Partner network: the actor in the centre, partners on a circle; line width = events,
    colour = mean Goldstein (red hostile, green cooperative). */
function partnerNetwork(actor, partners) {
  const size = 520, cx = size / 2, cy = size / 2, radius = 190;
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${size} ${size}`, role: "img",
    "aria-label": `partners of ${actor}` });
  const max = Math.max(1, ...partners.map((p) => p.events));
  const colour = (g) => (g === null ? "#889" : g < -1 ? "#c8362f" : g > 1 ? "#1b6f3a" : "#8a8f99");
  partners.forEach((p, i) => {
    const angle = (2 * Math.PI * i) / partners.length - Math.PI / 2;
    const x = cx + radius * Math.cos(angle), y = cy + radius * Math.sin(angle);
    chart.append(svg("line", { x1: cx, y1: cy, x2: x, y2: y, stroke: colour(p.goldstein_mean),
      "stroke-width": 1 + (7 * p.events) / max, opacity: 0.7 }));
    const node = svg("g", { class: "hit", onclick: () => go("/actor/" + encodeURIComponent(p.partner)) });
    node.append(svg("circle", { cx: x, cy: y, r: 6 + (10 * p.events) / max, fill: "#fff",
      stroke: colour(p.goldstein_mean), "stroke-width": 2 }),
      svg("text", { x, y: y + 4 + 18 + (10 * p.events) / max, "text-anchor": "middle", text: p.partner }),
      svg("title", { text: `${p.partner}: ${p.events} events (${p.as_source} as target of ${actor}, ` +
        `${p.as_target} with ${actor} as target), mean Goldstein ${fmt(p.goldstein_mean, 2)}` }));
    chart.append(node);
  });
  chart.append(svg("circle", { cx, cy, r: 26, fill: "#17212b" }),
    svg("text", { x: cx, y: cy + 4, "text-anchor": "middle", class: "centre-label", text: actor }));
  return chart;
}

/** Event locations on an equirectangular grid (no base map: it needs no tiles). */
function locationMap(points) {
  const width = 720, height = 360;
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "event locations" });
  chart.append(svg("rect", { x: 0, y: 0, width, height, fill: "#eef3f8" }));
  const px = (lon) => ((lon + 180) / 360) * width, py = (lat) => ((90 - lat) / 180) * height;
  for (let lon = -180; lon <= 180; lon += 30) {
    chart.append(svg("line", { class: "gridline", x1: px(lon), x2: px(lon), y1: 0, y2: height }));
  }
  for (let lat = -90; lat <= 90; lat += 30) {
    chart.append(svg("line", { class: "gridline", x1: 0, x2: width, y1: py(lat), y2: py(lat) }));
  }
  for (const [x1, y1, x2, y2] of [[px(0), 0, px(0), height], [0, py(0), width, py(0)]]) {
    chart.append(svg("line", { class: "axis", x1, y1, x2, y2, "stroke-dasharray": "4 4" }));
  }
  for (let lon = -150; lon <= 150; lon += 60) {
    chart.append(svg("text", { x: px(lon) + 3, y: height - 4, text: `${lon}°` }));
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    chart.append(svg("text", { x: 3, y: py(lat) - 3, text: `${lat}°` }));
  }
  const grouped = new Map();
  for (const p of points) {
    const key = `${p.lat.toFixed(1)},${p.lon.toFixed(1)}`;
    if (!grouped.has(key)) grouped.set(key, { ...p, n: 0 });
    grouped.get(key).n += 1;
  }
  const byCount = [...grouped.values()].sort((x, y) => y.n - x.n);
  byCount.slice(0, 15).forEach((p) => {  // name the busiest places
    chart.append(svg("text", { x: px(p.lon) + 7, y: py(p.lat) + 4, text: `${p.name} (${p.n})` }));
  });
  for (const p of grouped.values()) {
    const dot = svg("circle", { class: "hit", cx: px(p.lon), cy: py(p.lat), r: 3 + Math.sqrt(p.n) * 2,
      fill: p.quad_class ? QUADS[p.quad_class][1] : "#889", opacity: 0.75,
      onclick: () => go("/article/" + encodeURIComponent(p.article_id)) });
    dot.append(svg("title", { text: `${p.name}: ${p.n} event(s)` }));
    chart.append(dot);
  }
  return chart;
}

// -- tables -------------------------------------------------------------------------------------
function dataTable(columns, rows, options) {
  const head = el("tr", {}, columns.map((c) => {
    const th = el("th", { text: c.label });
    if (c.sort && options && options.onsort) {
      th.classList.add("sortable");
      const current = options.sort || "";
      if (current === c.sort) th.classList.add("sorted-asc");
      if (current === "-" + c.sort) th.classList.add("sorted-desc");
      th.addEventListener("click", () => options.onsort(current === "-" + c.sort ? c.sort : "-" + c.sort));
    }
    if (c.num) th.classList.add("num");
    return th;
  }));
  const body = el("tbody", {}, rows.map((row) => {
    const tr = el("tr", {}, columns.map((c) => {
      const value = c.render ? c.render(row) : row[c.key];
      const td = el("td", { class: c.num ? "num" : c.cls || null });
      td.append(value instanceof Node ? value : document.createTextNode(value === null || value === undefined ? "–" : String(value)));
      return td;
    }));
    if (options && options.onrow) {
      tr.classList.add("clickable");
      tr.addEventListener("click", () => options.onrow(row));
    }
    return tr;
  }));
  return el("table", { class: "data" }, el("thead", {}, head), body);
}

function pager(page, onpage) {
  const first = page.total ? page.offset + 1 : 0;
  const last = Math.min(page.offset + page.items.length, page.total);
  return el("div", { class: "pager" },
    el("button", { class: "secondary", disabled: page.offset <= 0, "data-action": "prev",
      onclick: () => onpage(Math.max(0, page.offset - page.limit)) }, "‹ Previous"),
    el("span", { class: "muted page-info", text: `${fmt(first)}–${fmt(last)} of ${fmt(page.total)}` }),
    el("button", { class: "secondary", disabled: last >= page.total, "data-action": "next",
      onclick: () => onpage(page.offset + page.limit) }, "Next ›"));
}

const EVENT_COLUMNS = [
  { label: "Date", key: "date", sort: "date", cls: "nowrap" },
  { label: "Source", render: (e) => actorLabel(e.source) },
  { label: "Action", sort: "cameo", render: (e) => el("span", {}, quadDot(e.quad_class),
    el("span", { class: "code", text: e.cameo }), " ", e.text || "") },
  { label: "Target", render: (e) => actorLabel(e.target) },
  { label: "Goldstein", key: "goldstein", sort: "goldstein", num: true },
  { label: "Modality", key: "modality" },
  { label: "Conf.", sort: "confidence", num: true, render: (e) => fmt(e.confidence, 2) },
  { label: "Article", render: (e) => e.article_title || e.article_id },
];
function openEvent(e) {
  go("/article/" + encodeURIComponent(e.article_id), { event: e.event_index });
}

// -- overview -----------------------------------------------------------------------------------
async function renderOverview(container) {
  container.append(el("h1", { text: "Overview" }));
  const data = await api("/overview");
  const c = data.counts;
  container.append(el("div", { class: "cards" },
    [["articles", c.articles], ["events", c.events], ["quotes", c.quotes],
      ["event clusters", c.event_clusters], ["coded actors", c.actor_codes]].map(([label, n]) =>
      el("div", { class: "card", "data-count": label },
        el("div", { class: "n", text: fmt(n) }), el("div", { class: "label", text: label })))));
  if (!c.events) {
    container.append(el("p", { class: "muted", text: "No events stored yet: run `eventwire ingest`." }));
    return;
  }
  const timePanel = el("div", { class: "panel", id: "events-over-time" },
    el("h2", { text: `Events per ${data.period} by quad class (${data.first_date} to ${data.last_date})` }),
    stackedBars(data.events_over_time, { label: "events over time by quad class",
      onclick: (row) => go("/events", { since: row.period }) }),
    quadLegend());
  const dyadRows = data.top_dyads;
  const dyadPanel = el("div", { class: "panel", id: "top-dyads" }, el("h2", { text: "Most active dyads" }),
    dataTable([
      { label: "Dyad", render: (d) => `${d.actor_a} – ${d.actor_b}` },
      { label: "Events", key: "events", num: true },
      { label: "Conflict", key: "conflict", num: true },
      { label: "Mean Goldstein", num: true, render: (d) => fmt(d.goldstein_mean, 2) },
    ], dyadRows, { onrow: (d) => go("/dyad", { a: d.actor_a, b: d.actor_b }) }));
  const rootPanel = el("div", { class: "panel" }, el("h2", { text: "Events by CAMEO root" }),
    dataTable([
      { label: "Root", key: "root", cls: "code" },
      { label: "Events", key: "events", num: true },
    ], data.roots, { onrow: (r) => go("/events", { root: r.root }) }));
  container.append(timePanel, el("div", { class: "grid-half" }, dyadPanel, rootPanel));
  try {
    const located = await api("/events/locations?limit=2000");
    if (located.items.length) {
      container.append(el("div", { class: "panel", id: "map" },
        el("h2", { text: `Where events happen (${located.items.length} located events)` }),
        locationMap(located.items), quadLegend()));
    }
  } catch (error) { /* the map is optional */ }
}

// -- dyad view ----------------------------------------------------------------------------------
function addDays(isoDate, days) {
  const d = new Date(isoDate + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function periodEnd(start, freq) {
  if (freq === "day") return start;
  if (freq === "week") return addDays(start, 6);
  const months = { month: 1, quarter: 3, year: 12 }[freq];
  const d = new Date(start + "T00:00:00Z");
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function renderDyad(container, parts, params) {
  container.append(el("h1", { text: "Dyad" }));
  const dyads = (await api("/dyads?limit=30")).items;
  const a = (params.a || (dyads[0] && dyads[0].actor_a) || "").toUpperCase();
  const b = (params.b || (dyads[0] && dyads[0].actor_b) || "").toUpperCase();
  const freq = params.freq || "month";
  const count = params.count || "reports";
  const since = params.since || "", until = params.until || "";
  const form = el("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    go("/dyad", { a: f.get("a"), b: f.get("b"), freq: f.get("freq"), count: f.get("count"),
      since: f.get("since"), until: f.get("until") });
  } },
  el("label", {}, "Actor A", el("input", { type: "text", name: "a", value: a, list: "dyad-actors", required: true })),
  el("label", {}, "Actor B", el("input", { type: "text", name: "b", value: b, list: "dyad-actors", required: true })),
  el("label", {}, "Period", el("select", { name: "freq" }, ["day", "week", "month", "quarter", "year"].map((f) =>
    el("option", { value: f, selected: f === freq }, f)))),
  el("label", {}, "Count", el("select", { name: "count" }, ["reports", "clusters"].map((f) =>
    el("option", { value: f, selected: f === count }, f)))),
  el("label", {}, "Since", el("input", { type: "date", name: "since", value: since })),
  el("label", {}, "Until", el("input", { type: "date", name: "until", value: until })),
  el("button", { type: "submit" }, "Show"),
  el("datalist", { id: "dyad-actors" }, [...new Set(dyads.flatMap((d) => [d.actor_a, d.actor_b]))].map((v) =>
    el("option", { value: v }))));
  container.append(form);
  if (dyads.length) {
    container.append(el("p", { class: "muted" }, "Busy dyads: ", dyads.slice(0, 8).map((d, i) => [
      i ? " · " : "", el("a", { href: "#/dyad" + query({ a: d.actor_a, b: d.actor_b, freq, count, since, until }) },
        `${d.actor_a}–${d.actor_b} (${d.events})`)])));
  }
  if (!a || !b) return;
  const timeline = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline` +
    query({ freq, count, since, until }));
  const panel = el("div", { class: "panel", id: "dyad-chart" },
    el("h2", { text: `${a} – ${b}: ${count} per ${freq}` }));
  container.append(panel);
  if (timeline.note) panel.append(el("p", { class: "muted", text: timeline.note }));
  const eventsPanel = el("div", { class: "panel", id: "dyad-events" });
  const total = timeline.periods.reduce((s, p) => s + p.events, 0);
  if (!timeline.periods.length) {
    panel.append(el("p", { class: "muted", text: "No events between these actors." }));
    return;
  }
  const showEvents = async (from, to, title, offset) => {
    eventsPanel.replaceChildren(el("h2", { text: title }));
    const page = await api("/events" + query({ actor: a, partner: b, since: from, until: to,
      sort: "date", limit: 25, offset: offset || 0 }));
    eventsPanel.append(dataTable(EVENT_COLUMNS, page.items, { onrow: openEvent }),
      pager(page, (o) => showEvents(from, to, title, o)));
  };
  panel.append(dyadChart(timeline, (p) => showEvents(p.period, periodEnd(p.period, freq),
    `Events in the ${freq} from ${p.period}`)));
  const legend = quadLegend();
  const g = el("i"); g.style.background = "#1f5fa8";
  const t = el("i"); t.style.background = "#7a2bb0";
  legend.append(el("span", {}, g, "mean Goldstein"), el("span", {}, t, "tension index"),
    el("span", {}, "▼ alert (red: rise, green: fall)"));
  panel.append(legend, el("p", { class: "muted",
    text: `${total} ${count} in ${timeline.periods.length} periods. Click a period to list its events.` }));
  const alerts = timeline.alerts || [];
  panel.append(el("h2", { text: "Tension alerts" }), alerts.length ?
    el("ul", { class: "alerts" }, alerts.map((p) => el("li", {},
      el("span", { class: "badge " + p.alert, text: p.alert }), ` ${p.period}: tension ${fmt(p.tension, 2)}, z = ${fmt(p.z, 2)}, ${p.events} events`))) :
    el("p", { class: "muted", text: "No alerts: the tension index stayed within its usual range." }));
  container.append(eventsPanel);
  await showEvents(since || null, until || null, "All events of the dyad" +
    (since || until ? ` from ${since || "the start"} to ${until || "the end"}` : ""));
}

// -- events table -------------------------------------------------------------------------------
const EVENT_FILTERS = [
  ["actor", "Actor", "RUS"], ["partner", "Partner", "UKR"], ["cameo", "CAMEO", "19"],
  ["root", "Root", "13"], ["q", "Text", "words"], ["since", "Since", "YYYY-MM-DD"],
  ["until", "Until", "YYYY-MM-DD"],
];
async function renderEvents(container, parts, params) {
  container.append(el("h1", { text: "Events" }));
  const form = el("form", { class: "filters", id: "event-filters", onsubmit: (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    go("/events", { ...values, sort: params.sort || "" });
  } },
  EVENT_FILTERS.map(([name, label, hint]) => el("label", {}, label,
    el("input", { type: name === "since" || name === "until" ? "date" : "text", name,
      value: params[name] || "", placeholder: hint }))),
  el("label", {}, "Quad class", el("select", { name: "quad_class" },
    el("option", { value: "" }, "any"),
    Object.entries(QUADS).map(([q, [name]]) => el("option", { value: q, selected: params.quad_class === q }, `${q} ${name}`)))),
  el("label", {}, "Modality", el("select", { name: "modality" },
    ["", "asserted", "hypothetical", "conditional", "negated", "denied"].map((m) =>
      el("option", { value: m, selected: (params.modality || "") === m }, m || "any")))),
  el("button", { type: "submit" }, "Filter"),
  el("button", { type: "button", class: "secondary", onclick: () => go("/events") }, "Clear"));
  container.append(form);
  const request = { ...params, sort: params.sort || "-date", limit: 50 };
  const page = await api("/events" + query(request));
  const panel = el("div", { class: "panel", id: "events-table" });
  panel.append(el("p", { class: "muted", id: "events-total", "data-total": page.total,
    text: `${fmt(page.total)} events match.` }));
  panel.append(dataTable(EVENT_COLUMNS, page.items, {
    sort: request.sort,
    onsort: (sort) => go("/events", { ...params, sort, offset: 0 }),
    onrow: openEvent,
  }), pager(page, (offset) => go("/events", { ...params, offset })));
  container.append(panel);
}

// -- article view -------------------------------------------------------------------------------
async function renderArticlePage(container, parts, params) {
  const id = parts[0];
  const record = await api("/articles/" + encodeURIComponent(id));
  renderRecord(container, record, { focusEvent: params.event });
}

function annotations(record) {
  const anns = [];
  record.quotes.forEach((q, i) => anns.push({ type: "quote", start: q.span[0], end: q.span[1], index: i, item: q }));
  record.actors.forEach((a, i) => anns.push({ type: "actor", start: a.span[0], end: a.span[1], index: i, item: a }));
  record.events.forEach((e, i) => anns.push({ type: "trigger", start: e.span[0], end: e.span[1], index: i, item: e }));
  return anns.filter((a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.end > a.start);
}

function describe(ann) {
  const item = ann.item;
  const lines = [];
  if (ann.type === "trigger") {
    lines.push(["event", `${item.cameo} (root ${item.root}, ${item.quad_class ? QUADS[item.quad_class][0] : "no quad class"})`]);
    lines.push(["who", `${actorLabel(item.source)} → ${actorLabel(item.target)}`]);
    lines.push(["Goldstein", fmt(item.goldstein)]);
    if (item.plover && item.plover.type) lines.push(["PLOVER", `${item.plover.type}${item.plover.mode ? " / " + item.plover.mode : ""}`]);
    lines.push(["modality", item.modality + (item.quoted ? ", quoted" : "")]);
    lines.push(["confidence", fmt(item.confidence, 2)]);
    lines.push(["rule", item.rule]);
  } else if (ann.type === "actor") {
    lines.push(["actor", `${item.code || "uncoded"}${item.name ? " · " + item.name : ""}`]);
    if (item.country || item.sector) lines.push(["country/sector", `${item.country || "–"} / ${item.sector || "–"}`]);
    lines.push(["kind", item.kind || "–"]);
    lines.push(["rule", item.rule || "–"]);
  } else {
    lines.push(["quote", item.kind]);
    lines.push(["speaker", item.speaker ? `${item.speaker.text}${item.speaker.code ? " (" + item.speaker.code + ")" : ""}` : "unknown"]);
    lines.push(["cue", item.cue || "–"]);
    lines.push(["rule", item.rule || "–"]);
  }
  return lines;
}

/** The article text split at every annotation boundary; each piece carries the annotations
    covering it, so nested and overlapping spans (an actor inside a quote) all show. */
function highlightedText(text, anns) {
  const cuts = new Set([0, text.length]);
  for (const a of anns) { cuts.add(Math.max(0, a.start)); cuts.add(Math.min(text.length, a.end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const container = el("div", { class: "article-text", id: "article-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i], end = points[i + 1];
    if (end <= start) continue;
    const piece = text.slice(start, end);
    const covering = anns.filter((a) => a.start <= start && a.end >= end);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => (x.end - x.start) - (y.end - y.start));  // innermost first
    const span = el("span", { class: "hl " + [...new Set(covering.map((a) => "hl-" + a.type))].join(" "),
      "data-anns": covering.map((a) => `${a.type}:${a.index}`).join(" ") }, piece);
    span.annotations = covering;
    container.append(span);
  }
  container.addEventListener("mouseover", (ev) => {
    const target = ev.target.closest(".hl");
    if (target && target.annotations) showTooltip(ev, target.annotations);
  });
  container.addEventListener("mousemove", (ev) => moveTooltip(ev));
  container.addEventListener("mouseout", (ev) => {
    if (!ev.relatedTarget || !ev.relatedTarget.closest || !ev.relatedTarget.closest(".hl")) hideTooltip();
  });
  return container;
}

function showTooltip(ev, anns) {
  const tip = document.getElementById("tooltip");
  tip.replaceChildren(...anns.map((a) => el("div", { class: "tt-item" },
    describe(a).map(([k, v]) => el("div", {}, el("b", { text: k + ": " }), v)))));
  tip.hidden = false;
  moveTooltip(ev);
}
function moveTooltip(ev) {
  const tip = document.getElementById("tooltip");
  if (tip.hidden) return;
  const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  const y = ev.clientY + 16 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 16;
  tip.style.left = x + "px";
  tip.style.top = y + "px";
}
function hideTooltip() { const tip = document.getElementById("tooltip"); if (tip) tip.hidden = true; }

function focusAnnotation(type, index) {
  document.querySelectorAll(".article-text .focus, .record.focus").forEach((n) => n.classList.remove("focus"));
  const spans = [...document.querySelectorAll(".article-text .hl")].filter((s) =>
    s.dataset.anns.split(" ").includes(`${type}:${index}`));
  spans.forEach((s) => s.classList.add("focus"));
  const record = document.querySelector(`.record[data-ref="${type}:${index}"]`);
  if (record) record.classList.add("focus");
  if (spans[0]) spans[0].scrollIntoView({ block: "center" });
}

function renderRecord(container, record, options) {
  const article = record.article;
  container.append(el("h1", { text: article.title || "(untitled article)" }),
    el("p", { class: "muted" }, [article.date || "no date", article.source, article.id].filter(Boolean).join(" · "),
      article.url ? [" · ", el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "source")] : ""));
  const anns = annotations(record);
  const legend = el("div", { class: "legend" },
    el("span", {}, el("i", { class: "swatch-actor" }), `actors (${record.actors.length})`),
    el("span", {}, el("i", { class: "swatch-trigger" }), `event triggers (${record.events.length})`),
    el("span", {}, el("i", { class: "swatch-quote" }), `quotes (${record.quotes.length})`),
    el("span", { text: "Hover a highlight for code, rule and confidence." }));
  const textPanel = el("div", { class: "panel" }, legend, highlightedText(article.text, anns));
  const list = el("div", { class: "records", id: "records" });
  const tabs = el("div", { class: "tabs" });
  const show = (name) => {
    tabs.querySelectorAll("button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
    list.replaceChildren();
    if (name === "events") {
      if (!record.events.length) list.append(el("p", { class: "muted", text: "No events." }));
      record.events.forEach((e, i) => list.append(el("div", { class: "record", "data-ref": `trigger:${i}`,
        onclick: () => focusAnnotation("trigger", i) },
        el("div", {}, quadDot(e.quad_class), el("b", { text: actorLabel(e.source) }), " ",
          el("span", { class: "code", text: e.cameo }), ` ${e.text || ""} `, el("b", { text: actorLabel(e.target) })),
        el("div", { class: "meta", text: `Goldstein ${fmt(e.goldstein)} · ${e.modality}${e.quoted ? " · quoted" : ""} · confidence ${fmt(e.confidence, 2)} · ${e.rule}` }))));
    } else if (name === "quotes") {
      if (!record.quotes.length) list.append(el("p", { class: "muted", text: "No quotes." }));
      record.quotes.forEach((q, i) => list.append(el("div", { class: "record", "data-ref": `quote:${i}`,
        onclick: () => focusAnnotation("quote", i) },
        el("div", { text: `“${q.text}”` }),
        el("div", { class: "meta", text: `${q.kind} · ${q.speaker ? actorLabel(q.speaker) : "speaker unknown"} · cue ${q.cue || "–"}` }))));
    } else {
      record.actors.forEach((a, i) => list.append(el("div", { class: "record", "data-ref": `actor:${i}`,
        onclick: () => focusAnnotation("actor", i) },
        el("div", {}, el("b", { text: a.text }), " ", el("span", { class: "code", text: a.code || "uncoded" })),
        el("div", { class: "meta", text: `${a.name || ""} · ${a.kind || ""} · ${a.rule || ""}` }))));
    }
  };
  for (const [name, label] of [["events", "Events"], ["quotes", "Quotes"], ["actors", "Actors"]]) {
    tabs.append(el("button", { type: "button", "data-tab": name, onclick: () => show(name) }, label));
  }
  const side = el("div", { class: "panel" }, tabs, list);
  container.append(el("div", { class: "grid2" }, textPanel, side));
  show("events");
  if (record.errors && record.errors.length) {
    container.append(el("div", { class: "panel" }, el("h2", { text: "Coding problems" }),
      el("ul", {}, record.errors.map((e) => el("li", { text: `${e.code}: ${e.message}` })))));
  }
  if (options && options.focusEvent !== undefined && options.focusEvent !== "") {
    focusAnnotation("trigger", Number(options.focusEvent));
  }
}

// -- actors -------------------------------------------------------------------------------------
async function renderActors(container, parts, params) {
  container.append(el("h1", { text: "Actors" }));
  const form = el("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    go("/actors", { q: new FormData(form).get("q") });
  } }, el("label", {}, "Code or name", el("input", { type: "text", name: "q", value: params.q || "", class: "wide" })),
  el("button", { type: "submit" }, "Search"));
  container.append(form);
  const page = await api("/actors" + query({ q: params.q, sort: params.sort || "-mentions", limit: 50,
    offset: params.offset }));
  container.append(el("div", { class: "panel" }, dataTable([
    { label: "Code", key: "code", cls: "code", sort: "code" },
    { label: "Name", key: "name" },
    { label: "Country", key: "country" },
    { label: "Mentions", key: "mentions", num: true, sort: "mentions" },
    { label: "Articles", key: "articles", num: true, sort: "articles" },
    { label: "As source", key: "events_as_source", num: true },
    { label: "As target", key: "events_as_target", num: true },
  ], page.items, {
    sort: params.sort || "-mentions",
    onsort: (sort) => go("/actors", { ...params, sort, offset: 0 }),
    onrow: (a) => go("/actor/" + encodeURIComponent(a.code)),
  }), pager(page, (offset) => go("/actors", { ...params, offset }))));
}

async function renderActor(container, parts) {
  const code = (parts[0] || "").toUpperCase();
  const profile = await api("/actors/" + encodeURIComponent(code));
  container.append(el("h1", { text: `${code}${profile.name ? " · " + profile.name : ""}` }),
    el("p", { class: "muted", text: `Matches codes starting with ${code} and actors of country ${code}.` }),
    el("div", { class: "cards" }, [["mentions", profile.mentions], ["articles", profile.articles],
      ["events as source", profile.events_as_source], ["events as target", profile.events_as_target],
      ["quotes", profile.quotes]].map(([label, n]) => el("div", { class: "card" },
      el("div", { class: "n", text: fmt(n) }), el("div", { class: "label", text: label })))));
  const network = el("div", { class: "panel", id: "partner-network" }, el("h2", { text: "Partners" }));
  if (profile.partners.length) {
    network.append(partnerNetwork(code, profile.partners), el("p", { class: "muted",
      text: "Line width: events; colour: mean Goldstein (red hostile, green cooperative). Click a partner." }));
  } else network.append(el("p", { class: "muted", text: "No events with a coded partner." }));
  const partnerTable = el("div", { class: "panel" }, el("h2", { text: "Partners by events" }),
    dataTable([
      { label: "Partner", key: "partner", cls: "code" },
      { label: "Events", key: "events", num: true },
      { label: `${code} → partner`, key: "as_source", num: true },
      { label: `partner → ${code}`, key: "as_target", num: true },
      { label: "Conflict", key: "conflict", num: true },
      { label: "Mean Goldstein", num: true, render: (p) => fmt(p.goldstein_mean, 2) },
    ], profile.partners, { onrow: (p) => go("/dyad", { a: code, b: p.partner }) }));
  container.append(el("div", { class: "grid-half" }, network, partnerTable));
  for (const side of ["source", "target"]) {
    const page = await api("/events" + query({ actor: code, side, limit: 15 }));
    container.append(el("div", { class: "panel" },
      el("h2", { text: `Events with ${code} as ${side} (${fmt(page.total)}, newest first)` }),
      dataTable(EVENT_COLUMNS, page.items, { onrow: openEvent }),
      el("a", { href: "#/events" + query({ actor: code, side }) }, "All in the events table ›")));
  }
  const quotes = await api("/quotes" + query({ speaker: code, limit: 15 }));
  container.append(el("div", { class: "panel" }, el("h2", { text: `Quotes by ${code} (${fmt(quotes.total)})` }),
    quoteTable(quotes.items)));
}

function quoteTable(items) {
  return dataTable([
    { label: "Date", key: "date", cls: "nowrap" },
    { label: "Speaker", render: (q) => (q.speaker ? actorLabel(q.speaker) : "–") },
    { label: "Quote", render: (q) => `“${q.text}”` },
    { label: "Kind", key: "kind" },
    { label: "Article", render: (q) => q.article_title || q.article_id },
  ], items, { onrow: (q) => go("/article/" + encodeURIComponent(q.article_id)) });
}

// -- quotes -------------------------------------------------------------------------------------
async function renderQuotes(container, parts, params) {
  container.append(el("h1", { text: "Quotes" }));
  const form = el("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    go("/quotes", Object.fromEntries(new FormData(form)));
  } },
  el("label", {}, "Speaker", el("input", { type: "text", name: "speaker", value: params.speaker || "" })),
  el("label", {}, "Text", el("input", { type: "text", name: "q", value: params.q || "", class: "wide" })),
  el("label", {}, "Kind", el("select", { name: "kind" }, ["", "direct", "indirect", "mixed"].map((k) =>
    el("option", { value: k, selected: (params.kind || "") === k }, k || "any")))),
  el("button", { type: "submit" }, "Filter"));
  container.append(form);
  const page = await api("/quotes" + query({ ...params, limit: 50 }));
  container.append(el("div", { class: "panel" }, quoteTable(page.items),
    pager(page, (offset) => go("/quotes", { ...params, offset }))));
}

// -- code a text --------------------------------------------------------------------------------
function renderCode(container) {
  container.append(el("h1", { text: "Code a text" }),
    el("p", { class: "muted", text: "Paste a news text: it is coded on the server and shown here. Nothing is stored." }));
  const text = el("textarea", { class: "code-input", id: "code-text",
    placeholder: "Russia imposed sanctions on Ukraine on Monday, the Kremlin said." });
  const date = el("input", { type: "date", id: "code-date" });
  const result = el("div", { id: "code-result" });
  const button = el("button", { type: "button", id: "code-run", onclick: async () => {
    result.replaceChildren(el("p", { class: "muted", text: "Coding…" }));
    button.disabled = true;
    try {
      const record = await api("/code", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text.value, date: date.value || null }) });
      result.replaceChildren();
      renderRecord(result, record, {});
    } catch (error) {
      result.replaceChildren();
      showError(result, error);
    } finally { button.disabled = false; }
  } }, "Code it");
  container.append(el("div", { class: "panel" }, text,
    el("div", { class: "row" }, el("label", {}, "Date ", date), button)), result);
}

// -- start --------------------------------------------------------------------------------------
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  route();
  try {
    const health = await api("/health");
    setStatus(`${health.backend} · ${health.writable ? "read-write" : "read-only"} · v${health.version}`);
  } catch (error) { setStatus("server unreachable"); }
});

// What every dashboard page shares: the API calls and their error display, the one live feed (EventSource on
// /events) and its badge, the URL state, figure formatting as `ifl report` prints it, the navigation header,
// CSV export of a table and PNG/SVG export of an ECharts chart, and the test hooks on <body> (docs/dashboard.md).
// Text from the API only ever reaches the page through textContent or attributes, never as HTML.

/* global echarts */

/** What an absent figure shows, as `ifl report` prints it. */
export const MISSING = '–';

/** What the figures mean, for tooltips and legends. */
export const MEANING = {
  ifl: 'IFL = F_image − F_text (percentage points): how much worse the model is with the image than with its text'
      + ' description',
  iflRemedy: 'IFL+remedy = F_image+remedy − F_text: the IFL with the steering remedy applied',
  diff: 'remedy difference = IFL+remedy − IFL: what the steering remedy recovers',
  relative: 'relative = share of the IFL the remedy recovers',
  interval: 'figures in percentage points; [low, high] is the 95% interval',
  fText: 'F_text: fidelity (answers in the requested language) with the text description',
  fImage: 'F_image: fidelity with the image',
  fImageRemedy: 'F_image+remedy: fidelity with the image and the steering remedy',
  answers: 'answers counted / answers the published queries expect; "partial" while fewer are counted',
};

// ---------------------------------------------------------------------------------------------------------
// Figures

/**
 * A fraction in percentage points with one decimal, rounded half up (away from 0) from its shortest decimal
 * form, never "-0.0": as `ifl report` prints it (0.175 → "17.5", -0.1255 → "-12.6"). Absent → "–".
 */
export function points(fraction) {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return MISSING;
  }
  return roundedDecimal(shiftedDigits(fraction, 2), 1);
}

/** A share shown as a percent, as `ifl report` prints `relative`. */
export function percent(fraction) {
  const text = points(fraction);
  return text === MISSING ? text : text + '%';
}

/** An estimate {value, low, high} as "-12.5 [-20.1, -4.9]"; the interval only when both ends are there. */
export function estimate(e) {
  if (!e || !Number.isFinite(e.value)) {
    return MISSING;
  }
  return points(e.value) + (hasInterval(e) ? ' [' + points(e.low) + ', ' + points(e.high) + ']' : '');
}

export function hasInterval(e) {
  return !!e && Number.isFinite(e.low) && Number.isFinite(e.high);
}

/** Points of a fraction as a number (for charts); null when absent. */
export function pointsNumber(fraction) {
  const text = points(fraction);
  return text === MISSING ? null : Number(text);
}

/** The decimal digits of |x| × 10^shift as {negative, digits, point}: digits "12345", point 2 → 12.345. */
function shiftedDigits(x, shift) {
  const negative = x < 0;
  let text = Math.abs(x).toString();
  let exponent = 0;
  const e = text.indexOf('e');
  if (e >= 0) {
    exponent = Number(text.slice(e + 1));
    text = text.slice(0, e);
  }
  const dot = text.indexOf('.');
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  const point = (dot < 0 ? text.length : dot) + exponent + shift;
  return { negative, digits, point };
}

function roundedDecimal({ negative, digits, point }, scale) {
  // pad so that the digits reach `scale` places after the point and at least one before
  let d = digits;
  let p = point;
  if (p <= 0) {
    d = '0'.repeat(1 - p) + d;
    p = 1;
  }
  const keep = p + scale;
  if (d.length < keep + 1) {
    d = d + '0'.repeat(keep + 1 - d.length);
  }
  let kept = d.slice(0, keep).split('').map(Number);
  if (Number(d[keep]) >= 5) {
    let i = kept.length - 1;
    while (i >= 0) {
      if (kept[i] === 9) {
        kept[i] = 0;
        i--;
      } else {
        kept[i]++;
        break;
      }
    }
    if (i < 0) {
      kept = [1, ...kept];
      p++;
    }
  }
  let whole = kept.slice(0, kept.length - scale).join('').replace(/^0+(?=\d)/, '');
  const fraction = kept.slice(kept.length - scale).join('');
  const zero = /^0*$/.test(whole + fraction);
  return (negative && !zero ? '-' : '') + whole + (scale > 0 ? '.' + fraction : '');
}

/** A count of answers as "counted/expected" ("counted/?" when expected is unknown). */
export function answers(counted, expected) {
  return (counted ?? 0) + '/' + (expected === null || expected === undefined ? '?' : expected);
}

/** An ISO instant as a short UTC date and time ("2026-12-07 05:30"); "–" when absent. */
export function instant(iso) {
  if (!iso) {
    return MISSING;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

// ---------------------------------------------------------------------------------------------------------
// DOM, always through textContent and attributes

/**
 * An element: attrs set as attributes (dataset via {data: {...}}, class via class, listeners via on: {...}),
 * children appended as nodes or as text (strings and numbers become text nodes; null is skipped).
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'data') {
      for (const [key, v] of Object.entries(value)) {
        if (v !== null && v !== undefined) {
          node.dataset[key] = String(v);
        }
      }
    } else if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) {
        node.addEventListener(event, listener);
      }
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces the children of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Text made safe for the few places that take HTML: ECharts tooltips. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * A table cell of a figure with the test hooks: data-figure, data-value/-low/-high as the API gives them
 * (empty when absent), the formatted figure as text. `e` is an estimate or a plain number (`ratio`: shown as a
 * percent).
 */
export function figureCell(name, e, { ratio = false, title } = {}) {
  const isEstimate = e !== null && typeof e === 'object';
  const value = isEstimate ? e.value : e;
  const text = isEstimate ? estimate(e) : (ratio ? percent(value) : points(value));
  return el('td', {
    class: 'num',
    title: title ?? (isEstimate && Number.isFinite(e.n) ? 'n = ' + e.n : null),
    data: {
      figure: name,
      value: numberAttribute(value),
      low: numberAttribute(isEstimate ? e.low : null),
      high: numberAttribute(isEstimate ? e.high : null),
    },
  }, text);
}

/** A number as JSON writes it, "" when absent. */
export function numberAttribute(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : JSON.stringify(v);
}

/** The visible mark of a partial row or checkpoint: "partial 12/40". */
export function partialMark(counted, expected) {
  return el('span', { class: 'partial-mark', title: MEANING.answers }, 'partial ' + answers(counted, expected));
}

/** A table header cell with its meaning as a tooltip. */
export function th(text, meaning, numeric = true) {
  return el('th', { scope: 'col', class: numeric ? 'num' : null, title: meaning ?? null }, text);
}

/** A <table> inside a horizontally scrolling container, with a caption and a CSV export button above it. */
export function tableBlock({ id, caption, head, rows, exportName, note }) {
  const table = el('table', { id, class: 'figures' },
      el('thead', null, el('tr', null, head)),
      el('tbody', null, rows));
  return el('section', { class: 'table-block' },
      el('div', { class: 'block-head' },
          el('h3', null, caption),
          el('div', { class: 'exports' }, csvButton(table, exportName))),
      note ? el('p', { class: 'note' }, note) : null,
      el('div', { class: 'scroll' }, table));
}

/**
 * The models and the chosen model's checkpoints (`own`) of /checkpoints for the selectors, with the URL's choices
 * added where /checkpoints does not list them (yet), so a deep link keeps its selection.
 */
export function choices(checkpoints, state) {
  const models = [...new Set(checkpoints.map((c) => c.model))];
  if (state.model && !models.includes(state.model)) {
    models.push(state.model);
  }
  const own = checkpoints.filter((c) => c.model === state.model).map((c) => c.checkpoint);
  if (state.checkpoint && !own.includes(state.checkpoint)) {
    own.push(state.checkpoint);
  }
  return { models, own };
}

/**
 * Fills the page's selectors (#controls) with what build() makes, unless they already show the same choices
 * (signature): a live re-render then leaves a selector the reader is using alone.
 */
export function fillControls(signature, build) {
  const controls = document.getElementById('controls');
  const key = JSON.stringify(signature);
  if (controls.dataset.signature !== key) {
    controls.dataset.signature = key;
    fill(controls, build());
  }
}

/** "No cells yet for …": what a page shows where the API has nothing yet. */
export function emptyState(text) {
  return el('p', { class: 'empty' }, text);
}

/** A <select> of options [{value, label}], the current one selected, calling onChange with the new value. */
export function select({ label, options, value, onChange, name }) {
  const control = el('select', { name, on: { change: (ev) => onChange(ev.target.value) } },
      options.map((o) => el('option', { value: o.value, selected: o.value === value }, o.label ?? o.value)));
  return el('label', { class: 'picker' }, el('span', null, label), control);
}

// ---------------------------------------------------------------------------------------------------------
// URL state

/** The page's query parameters as an object (only those present and non-empty). */
export function params() {
  const out = {};
  for (const [k, v] of new URLSearchParams(location.search)) {
    if (v !== '') {
      out[k] = v;
    }
  }
  return out;
}

/** A page URL with these parameters (absent or empty ones left out). */
export function pageUrl(page, values) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && v !== undefined && v !== '') {
      search.set(k, v);
    }
  }
  const query = search.toString();
  return page + (query ? '?' + query : '');
}

/** Sets the page's query parameters (history.replaceState: a deep link, not a new history entry). */
export function setParams(values) {
  const url = pageUrl(location.pathname, values);
  if (url !== location.pathname + location.search) {
    history.replaceState(null, '', url);
  }
}

// ---------------------------------------------------------------------------------------------------------
// API

/** A request to the stats API that failed: which one, its status (0: no answer) and the message. */
export class ApiError extends Error {
  constructor(request, status, message) {
    super('GET ' + request + ' failed' + (status ? ' (HTTP ' + status + ')' : '') + ': ' + message);
    this.request = request;
    this.status = status;
    this.detail = message;
  }

  /** 503: the service is starting, rebalancing or restoring; worth a retry. */
  get starting() {
    return this.status === 503;
  }
}

/** GET path?params as JSON; an ApiError naming the request when it fails. A 404 gives `notFound` if set. */
export async function api(path, query = {}, { notFound } = {}) {
  const request = pageUrl(path, query);
  let response;
  try {
    response = await fetch(request, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(request, 0, 'no answer from stats-stream (' + e.message + ')');
  }
  if (response.status === 404 && notFound !== undefined) {
    return notFound;
  }
  if (!response.ok) {
    throw new ApiError(request, response.status, await errorMessage(response));
  }
  try {
    return await response.json();
  } catch (e) {
    throw new ApiError(request, response.status, 'the answer is not JSON (' + e.message + ')');
  }
}

async function errorMessage(response) {
  const text = (await response.text().catch(() => '')).trim();
  if (!text) {
    return response.statusText || 'no message';
  }
  try {
    const json = JSON.parse(text);
    return json.message || json.error || (json._embedded?.errors?.[0]?.message) || text;
  } catch {
    return text.length > 300 ? text.slice(0, 300) + '…' : text;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Page frame: header, navigation, live badge, error banner

const PAGES = [
  ['index.html', 'Overview'],
  ['checkpoint.html', 'Checkpoint'],
  ['explanations.html', 'Explanations'],
  ['alerts.html', 'Alerts'],
];

/** Fills <header id="site"> with the title, navigation (keeping model/checkpoint) and the live badge. */
function renderHeader(current, keep) {
  const header = document.getElementById('site');
  const nav = el('nav', { 'aria-label': 'pages' },
      PAGES.map(([file, label]) => el('a', {
        href: pageUrl(file, keep),
        'aria-current': file === current ? 'page' : null,
      }, label)));
  const badge = el('span', { id: 'live', class: 'badge connecting', title: 'live updates from /events' },
      'connecting');
  fill(header, el('div', { class: 'brand' }, el('a', { href: pageUrl('index.html', keep) }, 'IFL dashboard')),
      nav, badge);
}

function updateNav(keep) {
  document.querySelectorAll('#site nav a').forEach((a, i) => {
    a.setAttribute('href', pageUrl(PAGES[i][0], keep));
  });
  const brand = document.querySelector('#site .brand a');
  if (brand) {
    brand.setAttribute('href', pageUrl('index.html', keep));
  }
}

function setLive(state, text) {
  document.body.dataset.live = state;
  const badge = document.getElementById('live');
  if (badge) {
    badge.className = 'badge ' + state;
    badge.textContent = text;
  }
}

function showStatus(kind, text) {
  const banner = document.getElementById('status');
  if (!text) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  banner.hidden = false;
  banner.className = 'status ' + kind;
  fill(banner, text);
}

// ---------------------------------------------------------------------------------------------------------
// Page lifecycle

/**
 * Runs a page: `load()` fetches and renders its data (throwing an ApiError when a request fails); `filter()`
 * gives the page's {model, checkpoint} for /events and the navigation links; `concerns(change)` says whether
 * a `stats` change ({model, checkpoint, dataset, window}) is the page's; `concernsAlert(alert)` the same for
 * an `alert` event (default: never). Loads once, then again (debounced 300 ms) on every event that concerns
 * it and on a `hello` after a reconnect. After every completed render: body data-renders + 1, data-ready.
 * A 503 (stats-stream starting) shows a notice and retries after a growing delay, at most RETRIES times, and
 * on the next `hello`.
 */
export function runPage({ page, load, filter, concerns = () => true, concernsAlert = () => false }) {
  document.body.dataset.renders = document.body.dataset.renders || '0';
  document.body.dataset.live = 'connecting';
  renderHeader(page, keepParams(filter()));
  let running = false;
  let again = false;
  let debounce = null;
  let retryTimer = null;
  let retries = 0;
  let waitingForHello = false;

  async function refresh() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      pendingCharts = []; // blocks of a render that failed half-way are never drawn
      await load();
      retries = 0;
      waitingForHello = false;
      showStatus();
      document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
      document.body.dataset.ready = 'true';
      updateNav(keepParams(filter()));
      reconnectIfFilterChanged();
    } catch (e) {
      failed(e);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  function failed(e) {
    if (e instanceof ApiError && e.starting) {
      waitingForHello = true;
      if (retries < RETRIES) {
        const delay = RETRY_DELAYS_MS[retries++];
        showStatus('starting', 'stats-stream is starting, retrying… (' + e.detail + ')');
        clearTimeout(retryTimer);
        retryTimer = setTimeout(refresh, delay);
      } else {
        showStatus('starting', 'stats-stream is still starting (' + e.detail
            + '); the page loads when it announces itself on the live feed, or reload it.');
      }
      return;
    }
    // a failed request is shown on the page, not logged (it is the service's state, not a fault of the page);
    // anything else is a fault of the page and goes to the console too
    if (!(e instanceof ApiError)) {
      console.error(e);
    }
    showStatus('error', e instanceof ApiError ? e.message : 'The page failed: ' + e.message);
  }

  function schedule() {
    clearTimeout(debounce);
    debounce = setTimeout(refresh, DEBOUNCE_MS);
  }

  // exactly one EventSource at a time, on the page's filter
  let source = null;
  let sourceFilter = null;
  let helloSeen = false;
  let reopenTimer = null;
  let reopenDelay = 1000;

  function feedQuery() {
    const f = filter();
    return { model: f.model, checkpoint: f.feedCheckpoint === false ? null : f.checkpoint };
  }

  function connect() {
    const query = feedQuery();
    sourceFilter = JSON.stringify(query);
    source = new EventSource(pageUrl('/events', query));
    setLive('connecting', 'connecting');
    const own = source;
    own.onopen = () => {
      reopenDelay = 1000;
      setLive('open', 'live');
    };
    own.onerror = () => {
      if (own !== source) {
        return;
      }
      if (own.readyState === EventSource.CLOSED) {
        // the browser gave up (the answer was not an event stream, e.g. a 503): open a new one later
        setLive('closed', 'offline, reconnecting…');
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(() => {
          own.close();
          if (own === source) {
            connect();
          }
        }, reopenDelay);
        reopenDelay = Math.min(reopenDelay * 2, 30000);
      } else {
        setLive('connecting', 'reconnecting…');
      }
    };
    own.addEventListener('hello', () => {
      setLive('open', 'live');
      if (helloSeen || waitingForHello) {
        retries = 0;
        schedule(); // after a reconnect events may have been missed: refetch everything
      }
      helloSeen = true;
    });
    own.addEventListener('stats', (ev) => {
      const changes = parse(ev.data)?.changes ?? [];
      if (changes.some((c) => concerns(c))) {
        schedule();
      }
    });
    own.addEventListener('alert', (ev) => {
      const alert = parse(ev.data);
      if (alert && concernsAlert(alert)) {
        schedule();
      }
    });
  }

  function reconnectIfFilterChanged() {
    if (source && JSON.stringify(feedQuery()) !== sourceFilter) {
      source.close();
      source = null;
      helloSeen = false;
      connect();
    }
  }

  window.addEventListener('resize', () => resizeCharts());
  window.addEventListener('beforeunload', () => source?.close());
  connect();
  refresh();
  return {
    /** Re-renders now (after a selector changed). */
    refresh: () => {
      clearTimeout(debounce);
      refresh();
    },
  };
}

const DEBOUNCE_MS = 300;
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const RETRIES = RETRY_DELAYS_MS.length;

function keepParams(f) {
  return { model: f.model, checkpoint: f.checkpoint };
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** Whether a change or alert concerns the page's model/checkpoint (absent filter parts match everything). */
export function matches(item, { model, checkpoint, dataset } = {}) {
  return (!model || item.model === model) && (!checkpoint || item.checkpoint === checkpoint)
      && (!dataset || !item.dataset || item.dataset === dataset || item.dataset.startsWith(dataset + '/'));
}

// ---------------------------------------------------------------------------------------------------------
// Exports

/** A CSV button exporting the table as shown (its header and the visible text of each cell). */
export function csvButton(table, name) {
  return el('button', {
    type: 'button',
    data: { export: 'csv' },
    title: 'download this table as CSV, as shown',
    on: { click: () => download(name + '.csv', 'text/csv;charset=utf-8', tableCsv(table)) },
  }, 'CSV');
}

/** The table as RFC 4180 CSV of the text it shows; a field that a spreadsheet would run gets a leading '. */
function tableCsv(table) {
  const lines = [];
  for (const row of table.querySelectorAll('tr')) {
    const cells = [...row.querySelectorAll('th, td')].map((c) => csvField(c.textContent.trim()));
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function csvField(text) {
  let t = text;
  if (/^[=+@\t\r]/.test(t) || (/^-/.test(t) && !/^-\d/.test(t))) {
    t = "'" + t;
  }
  return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
}

function download(fileName, type, content) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: fileName, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name part from API text: letters, digits, dot, dash, underscore. */
export function fileName(...parts) {
  return parts.filter((p) => p).map((p) => String(p).replace(/[^A-Za-z0-9._-]+/g, '_')).join('-');
}

// ---------------------------------------------------------------------------------------------------------
// Charts

const charts = new Map();

/**
 * A chart block: a heading, PNG and SVG export buttons and the chart's container; the chart (re)rendered with
 * `option` (ECharts option, replacing the previous one). Charts are kept by id across re-renders.
 */
export function chartBlock({ id, title, option, exportName, height = 320, note, className, data, after }) {
  const holder = el('div', { class: 'chart' + (className ? ' ' + className : ''), id, style: 'height:' + height + 'px',
    data });
  const block = el('section', { class: 'chart-block' },
      el('div', { class: 'block-head' },
          el('h3', null, title),
          el('div', { class: 'exports' },
              el('button', { type: 'button', data: { export: 'png' }, title: 'download the chart as PNG',
                on: { click: () => exportChart(id, 'png', exportName) } }, 'PNG'),
              el('button', { type: 'button', data: { export: 'svg' }, title: 'download the chart as SVG',
                on: { click: () => exportChart(id, 'svg', exportName) } }, 'SVG'))),
      note ? el('p', { class: 'note' }, note) : null,
      holder,
      after ?? null);
  pendingCharts.push({ id, holder, option });
  return block;
}

let pendingCharts = [];

/** Draws the charts of the blocks made since the last call, once their containers are in the document. */
export function drawCharts() {
  const drawn = new Set();
  for (const { id, holder, option } of pendingCharts) {
    let entry = charts.get(id);
    if (entry && entry.chart.getDom() !== holder) {
      entry.chart.dispose();
      entry = null;
    }
    const chart = entry ? entry.chart : echarts.init(holder, null, { renderer: 'canvas' });
    chart.setOption({ animation: false, ...option }, { notMerge: true });
    charts.set(id, { chart, option, holder });
    drawn.add(id);
  }
  pendingCharts = [];
  // charts whose containers left the page
  for (const [id, entry] of charts) {
    if (!drawn.has(id) && !document.body.contains(entry.holder)) {
      entry.chart.dispose();
      charts.delete(id);
    }
  }
}

function resizeCharts() {
  for (const { chart } of charts.values()) {
    chart.resize();
  }
}

/**
 * PNG: the drawn chart at twice its resolution on white. SVG: the same option rendered once by ECharts' SVG
 * renderer (server-side mode, no DOM) at the chart's size.
 */
function exportChart(id, type, name) {
  const entry = charts.get(id);
  if (!entry) {
    return;
  }
  if (type === 'png') {
    const url = entry.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    fetch(url).then((r) => r.blob()).then((blob) => download(name + '.png', 'image/png', blob));
    return;
  }
  const svgChart = echarts.init(null, null, {
    renderer: 'svg', ssr: true, width: entry.chart.getWidth(), height: entry.chart.getHeight(),
  });
  try {
    svgChart.setOption({ animation: false, backgroundColor: '#ffffff', ...entry.option });
    download(name + '.svg', 'image/svg+xml', svgChart.renderToSVGString());
  } finally {
    svgChart.dispose();
  }
}

/** Colours of the series, readable on white and distinct for colour-blind readers. */
const PALETTE = ['#1f5fbf', '#d9730d', '#2a9d8f', '#c2185b', '#7b5ea7', '#8c6d31', '#4d4d4d', '#e0a800',
  '#00838f', '#ad1457', '#558b2f', '#5c6bc0'];

/** The common look of a chart option: font, palette, grid. */
export function baseOption() {
  return {
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', fontSize: 12 },
    grid: { left: 16, right: 16, top: 64, bottom: 40, containLabel: true },
  };
}

/** An estimate's tooltip line: "name: -12.5 [-20.1, -4.9] (n 40)", HTML-escaped. */
export function tooltipLine(marker, name, e) {
  return (marker || '') + escapeHtml(name) + ': <b>' + escapeHtml(estimate(e)) + '</b>'
      + (e && Number.isFinite(e.n) ? ' (n ' + escapeHtml(e.n) + ')' : '');
}

/** Mobile screens: narrower charts get smaller margins and legends on top. */
export function narrow() {
  return window.matchMedia('(max-width: 640px)').matches;
}

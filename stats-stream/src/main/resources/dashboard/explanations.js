// Explanations (explanations.html?model=&checkpoint=&dataset=&arm=&setting=): heat maps language × prompt
// pattern of the entity metrics (EC exact, EC partial, EF1, ECooc) per arm and alignment setting, each with a
// table of the same figures, from the cumulative cells of the explanation suites (GET /cells, /checkpoints).
import {
  answers, api, baseOption, chartBlock, csvButton, drawCharts, el, emptyState, escapeHtml, estimate, fileName, fill,
  fillControls, matches, narrow, numberAttribute, params, partialMark, points, pointsNumber, runPage, select, setParams,
} from './dashboard.js';

const PATTERNS = ['EN_EN', 'EN_L', 'L_EN', 'L_L'];
const PATTERN_SUFFIX = /^(.*)\/(EN_EN|EN_L|L_EN|L_L)$/;
const ARMS = ['TEXT', 'IMAGE', 'IMAGE_REMEDY'];
const SETTINGS = ['FULL', 'ALIGNMENT_5', 'ALIGNMENT_10'];
const ALL = 'all';
const METRICS = [
  ['coverageExact', 'EC exact', 'entity coverage: share of the reference entities the answer names (exact match)'],
  ['coveragePartial', 'EC partial', 'entity coverage crediting the longest common part of each entity'],
  ['f1', 'EF1', 'entity F1: harmonic mean of entity precision and coverage'],
  ['cooccurrence', 'ECooc', 'share of reference entity pairs that co-occur in one sentence of the answer too'],
];
const SETTING_MEANING = {
  FULL: 'all items',
  ALIGNMENT_5: 'items shared by at least 5 languages',
  ALIGNMENT_10: 'items shared by all 10 languages',
};

const state = {
  model: params().model ?? '',
  checkpoint: params().checkpoint ?? '',
  dataset: params().dataset ?? '',
  arm: params().arm ?? ALL,
  setting: params().setting ?? 'FULL',
};

function saveState() {
  setParams({ model: state.model, checkpoint: state.checkpoint, dataset: state.dataset,
    arm: state.arm === ALL ? '' : state.arm, setting: state.setting });
}

const page = runPage({
  page: 'explanations.html',
  filter: () => ({ model: state.model, checkpoint: state.checkpoint }),
  concerns: (change) => matches(change, { model: state.model, checkpoint: state.checkpoint })
      && (!change.window || change.window === 'cumulative'),
  load,
});

async function load() {
  const checkpoints = await api('/checkpoints');
  const models = [...new Set(checkpoints.map((c) => c.model))];
  if (!state.model && models.length) {
    state.model = models[0];
  }
  const own = checkpoints.filter((c) => c.model === state.model).map((c) => c.checkpoint);
  if (!state.checkpoint && own.length) {
    state.checkpoint = own[own.length - 1];
  }
  const cells = state.model && state.checkpoint
    ? (await api('/cells', { model: state.model, checkpoint: state.checkpoint }))
        .filter((c) => PATTERN_SUFFIX.test(c.dataset ?? ''))
    : [];
  const datasets = [...new Set(cells.map((c) => c.dataset.match(PATTERN_SUFFIX)[1]))].sort();
  if ((!state.dataset || !datasets.includes(state.dataset)) && datasets.length && !params().dataset) {
    state.dataset = datasets[0];
  }
  saveState();
  renderControls(models, own, datasets);
  const view = document.getElementById('view');
  const title = document.getElementById('title');
  fill(title, 'Explanations', state.checkpoint ? [' · ', el('span', { class: 'name' }, state.checkpoint)] : null);
  const mine = cells.filter((c) => c.dataset.match(PATTERN_SUFFIX)[1] === state.dataset);
  const counted = mine.reduce((sum, c) => sum + (c.counted ?? 0), 0);
  const expected = mine.some((c) => c.expected === null || c.expected === undefined) ? null
    : mine.reduce((sum, c) => sum + c.expected, 0);
  const progress = el('p', { class: 'progress' }, 'Answers of ', el('b', null, state.dataset), ': ',
      expected !== null && counted < expected ? partialMark(counted, expected) : answers(counted, expected),
      expected !== null && counted < expected ? ' — partial: the figures are not final.' : '');
  if (mine.length && !mine.some((c) => (c.explanation ?? []).length)) {
    fill(view, progress, emptyState('No explanation answers scored yet for ' + state.model + ' / '
        + state.checkpoint + ' / ' + state.dataset + '.'));
    drawCharts();
    return;
  }
  if (!mine.length) {
    fill(view, emptyState(state.model && state.checkpoint
      ? 'No explanation cells yet for ' + state.model + ' / ' + state.checkpoint
          + (state.dataset ? ' / ' + state.dataset : '') + '.'
      : 'No checkpoints yet: stats-stream has no cells or published queries.'));
    drawCharts();
    return;
  }
  const languages = [...new Set(mine.map((c) => c.language))].sort();
  const arms = state.arm === ALL ? ARMS : [state.arm];
  const settings = state.setting === ALL ? SETTINGS : [state.setting];
  const sections = [];
  for (const setting of settings) {
    for (const arm of arms) {
      sections.push(el('section', { class: 'heat-section' },
          el('h2', null, arm + ' · ' + setting, el('span', { class: 'note' }, ' — ' + SETTING_MEANING[setting])),
          el('div', { class: 'heatmaps' }, METRICS.map((metric) => heatBlock(mine, languages, arm, setting,
              metric)))));
    }
  }
  fill(view, progress, el('p', { class: 'legend-note' },
      'Entity metrics of the answers of ', el('b', null, state.dataset), ' in percent (0–100), per language '
      + 'and prompt pattern (instruction language _ answer language; L = the item\'s language). Hover a cell '
      + 'for its mean, 95% interval [low, high] and n; each map\'s figures are also in its table.'),
  sections);
  drawCharts();
}

function renderControls(models, checkpoints, datasets) {
  if (state.model && !models.includes(state.model)) {
    models.push(state.model);
  }
  if (state.checkpoint && !checkpoints.includes(state.checkpoint)) {
    checkpoints.push(state.checkpoint);
  }
  if (state.dataset && !datasets.includes(state.dataset)) {
    datasets.push(state.dataset);
  }
  fillControls([state, models, checkpoints, datasets], () => [
      select({ label: 'Model', name: 'model', value: state.model, options: models.map((m) => ({ value: m })),
        onChange: (v) => change({ model: v, checkpoint: '', dataset: '' }) }),
      select({ label: 'Checkpoint', name: 'checkpoint', value: state.checkpoint,
        options: checkpoints.map((c) => ({ value: c })), onChange: (v) => change({ checkpoint: v }) }),
      select({ label: 'Dataset', name: 'dataset', value: state.dataset,
        options: datasets.map((d) => ({ value: d })), onChange: (v) => change({ dataset: v }) }),
      select({ label: 'Arm', name: 'arm', value: state.arm,
        options: [{ value: ALL, label: 'all arms' }, ...ARMS.map((a) => ({ value: a }))],
        onChange: (v) => change({ arm: v }) }),
      select({ label: 'Alignment setting', name: 'setting', value: state.setting,
        options: [...SETTINGS.map((s) => ({ value: s, label: s + ' (' + SETTING_MEANING[s] + ')' })),
          { value: ALL, label: 'all settings' }],
        onChange: (v) => change({ setting: v }) })]);
}

function change(values) {
  Object.assign(state, values);
  saveState();
  page.refresh();
}

/** The estimate of a metric for (language, pattern), or null. */
function cellOf(cells, language, pattern) {
  return cells.find((c) => c.language === language && c.dataset.endsWith('/' + pattern)) ?? null;
}

function figure(cells, language, pattern, arm, setting, metric) {
  const e = cellOf(cells, language, pattern)?.explanation?.find((x) => x.arm === arm && x.setting === setting);
  return e ? e[metric] ?? null : null;
}

/** "answers 9/10 (partial)" of a (language, pattern) cell; '' when there is no cell. */
function answersOf(cell) {
  return cell ? 'answers ' + answers(cell.counted, cell.expected) + (cell.partial === true ? ' (partial)' : '') : '';
}

function heatBlock(cells, languages, arm, setting, [metric, label, meaning]) {
  const data = [];
  for (const [y, language] of languages.entries()) {
    for (const [x, pattern] of PATTERNS.entries()) {
      const e = figure(cells, language, pattern, arm, setting, metric);
      data.push({ value: [x, y, e ? pointsNumber(e.value) : '-'], estimate: e, language, pattern,
        answers: answersOf(cellOf(cells, language, pattern)) });
    }
  }
  const attributes = { arm, setting, metric };
  const empty = !data.some((d) => d.estimate);
  const option = {
    ...baseOption(),
    graphic: empty ? [{ type: 'text', left: 'center', top: 'middle', silent: true,
      style: { text: 'no scored answers in ' + arm + ' · ' + setting, fill: '#5b6575', fontSize: 13 } }] : [],
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      formatter: (item) => {
        const d = item.data;
        const e = d.estimate;
        return escapeHtml(label + ' · ' + arm + ' · ' + setting) + '<br>' + escapeHtml(d.language + ' · '
            + d.pattern) + '<br>mean <b>' + escapeHtml(estimate(e)) + '</b>' + (e ? ' n ' + escapeHtml(e.n) : '')
            + (d.answers ? '<br>' + escapeHtml(d.answers) : '') + '<br><i>percent, [95% interval]</i>';
      },
    },
    xAxis: { type: 'category', data: PATTERNS, splitArea: { show: true }, axisLabel: { interval: 0 } },
    yAxis: { type: 'category', data: languages, splitArea: { show: true }, inverse: true },
    visualMap: {
      min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      itemWidth: 12, text: ['100', '0'], inRange: { color: ['#f7fbff', '#9ecae1', '#2171b5', '#08306b'] },
    },
    series: [{
      type: 'heatmap',
      data,
      label: { show: true, fontSize: narrow() ? 10 : 11, formatter: (p) => (p.data.estimate
        ? points(p.data.estimate.value) : '–') },
      emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
    }],
  };
  const table = heatTable(cells, languages, arm, setting, metric, attributes);
  return chartBlock({
    id: ['heat', arm, setting, metric].join('-'),
    title: label,
    note: meaning,
    className: 'heatmap',
    data: attributes,
    exportName: fileName(state.model, state.checkpoint, state.dataset, arm, setting, metric),
    option,
    height: 90 + languages.length * 30,
    after: el('details', { class: 'heat-details' },
        el('summary', null, 'table'),
        el('div', { class: 'block-head' }, el('span', null, label + ' in percent, [95% interval], (n)'),
            el('div', { class: 'exports' }, csvButton(table,
                fileName(state.model, state.checkpoint, state.dataset, arm, setting, metric)))),
        el('div', { class: 'scroll' }, table)),
  });
}

function heatTable(cells, languages, arm, setting, metric, attributes) {
  return el('table', { class: 'heat-table', data: attributes },
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'language'),
          PATTERNS.map((p) => el('th', { scope: 'col', class: 'num' }, p)))),
      el('tbody', null, languages.map((language) => el('tr', null,
          el('th', { scope: 'row' }, language),
          PATTERNS.map((pattern) => {
            const e = figure(cells, language, pattern, arm, setting, metric);
            const cell = cellOf(cells, language, pattern);
            return el('td', {
              class: 'num' + (cell?.partial === true ? ' partial' : ''),
              title: answersOf(cell) || null,
              data: {
                language, pattern,
                value: numberAttribute(e?.value), n: e ? String(e.n) : '',
                low: numberAttribute(e?.low), high: numberAttribute(e?.high),
              },
            }, e ? estimate(e) + ' (' + e.n + ')' : '–');
          })))));
}

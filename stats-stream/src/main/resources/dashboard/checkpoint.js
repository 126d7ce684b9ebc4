// Checkpoint (checkpoint.html?model=&checkpoint=&dataset=&window=): the paper's table of a checkpoint, a row per
// (dataset, language), its dataset and checkpoint summaries, a dot-and-interval chart per dataset, and for a
// hopping window the IFL per language over time (GET /cells, /summary, /series, /checkpoints).
import {
  answers, api, baseOption, chartBlock, choices, drawCharts, el, emptyState, escapeHtml, figureCell, fileName, fill,
  fillControls, instant, matches, MEANING, MISSING, narrow, params, partialMark, pointsNumber, runPage, select,
  setParams, tableBlock, th, tooltipLine,
} from './dashboard.js';

const CUMULATIVE = 'cumulative';

const state = {
  model: params().model ?? '',
  checkpoint: params().checkpoint ?? '',
  dataset: params().dataset ?? '',
  window: params().window ?? CUMULATIVE,
};

function saveState() {
  setParams({ model: state.model, checkpoint: state.checkpoint, dataset: state.dataset,
    window: state.window === CUMULATIVE ? '' : state.window });
}

const page = runPage({
  page: 'checkpoint.html',
  filter: () => ({ model: state.model, checkpoint: state.checkpoint }),
  concerns: (change) => matches(change, state) && (change.window === state.window
      || (state.window !== CUMULATIVE && change.window !== CUMULATIVE) || !change.window),
  load,
});

async function load() {
  const checkpoints = await api('/checkpoints');
  choose(checkpoints);
  saveState();
  const view = document.getElementById('view');
  if (!state.model || !state.checkpoint) {
    renderControls(checkpoints, [], []);
    fill(view, emptyState(state.model ? 'No checkpoints yet for model ' + state.model + '.'
        : 'No checkpoints yet: stats-stream has no cells or published queries.'));
    drawCharts();
    return;
  }
  const query = { model: state.model, checkpoint: state.checkpoint };
  const [cells, series, summary] = await Promise.all([
    api('/cells', { ...query, dataset: state.dataset, window: state.window }),
    api('/series', query),
    api('/summary', { ...query, window: state.window }, { notFound: null }),
  ]);
  const paperCells = cells.filter((c) => !isExplanationDataset(c.dataset));
  const datasets = [...new Set(series.map((s) => s.dataset).filter((d) => d)
      .concat(paperCells.map((c) => c.dataset)).concat((summary?.datasets ?? []).map((d) => d.dataset)))]
      .filter((d) => d && !isExplanationDataset(d)).sort();
  const windows = [...new Set(series.map((s) => s.window))].sort().reverse();
  renderControls(checkpoints, datasets, windows);

  const blocks = [];
  const title = document.getElementById('title');
  fill(title, 'Checkpoint ', el('span', { class: 'name' }, state.checkpoint), ' of ',
      el('span', { class: 'name' }, state.model));
  blocks.push(el('p', { class: 'legend-note' },
      (state.window === CUMULATIVE ? 'Cumulative figures' : 'Hopping window ' + windowLabel(state.window))
      + ', in percentage points; [low, high] = 95% interval. IFL = F_image − F_text; IFL+remedy: with the '
      + 'steering remedy; diff = IFL+remedy − IFL; relative = share of the IFL the remedy recovers.'));
  if (!paperCells.length) {
    blocks.push(emptyState('No cells yet for ' + state.model + ' / ' + state.checkpoint
        + (state.dataset ? ' / ' + state.dataset : '')
        + (state.window === CUMULATIVE ? '' : ' in window ' + windowLabel(state.window)) + '.'));
  } else {
    blocks.push(figuresTable(paperCells));
  }
  if (summary) {
    blocks.push(summaryTable(summary));
  }
  if (paperCells.some((c) => c.accuracy)) {
    blocks.push(accuracyTable(paperCells, summary));
  }
  if (state.window !== CUMULATIVE) {
    blocks.push(seriesChart(series));
  }
  if (paperCells.length) {
    blocks.push(el('div', { class: 'grid' }, groupBy(paperCells, (c) => c.dataset)
        .map(([dataset, rows]) => intervalChart(dataset, rows))));
  }
  fill(view, blocks);
  drawCharts();
}

/** Fills in model and checkpoint where the URL leaves them out: the first model, its latest checkpoint. */
function choose(checkpoints) {
  const models = [...new Set(checkpoints.map((c) => c.model))];
  if (!state.model && models.length) {
    state.model = models[0];
  }
  const own = checkpoints.filter((c) => c.model === state.model);
  if (!state.checkpoint && own.length) {
    state.checkpoint = own[own.length - 1].checkpoint;
  }
}

function renderControls(checkpoints, datasets, windows) {
  const { models, own } = choices(checkpoints, state);
  const windowOptions = [{ value: CUMULATIVE, label: 'cumulative' },
    ...windows.map((w) => ({ value: w, label: 'window ' + windowLabel(w) }))];
  if (!windowOptions.some((o) => o.value === state.window)) {
    windowOptions.push({ value: state.window, label: 'window ' + windowLabel(state.window) });
  }
  fillControls([state, models, own, windowOptions, datasets], () => [
      select({ label: 'Model', name: 'model', value: state.model, options: models.map((m) => ({ value: m })),
        onChange: (v) => change({ model: v, checkpoint: '', dataset: '', window: CUMULATIVE }) }),
      select({ label: 'Checkpoint', name: 'checkpoint', value: state.checkpoint,
        options: own.map((c) => ({ value: c })), onChange: (v) => change({ checkpoint: v }) }),
      select({ label: 'Dataset', name: 'dataset', value: state.dataset,
        options: [{ value: '', label: 'all datasets' }, ...datasets.map((d) => ({ value: d }))],
        onChange: (v) => change({ dataset: v }) }),
      select({ label: 'Window', name: 'window', value: state.window, options: windowOptions,
        onChange: (v) => change({ window: v }) })]);
}

function change(values) {
  Object.assign(state, values);
  saveState();
  page.refresh();
}

/** Explanation suites' datasets are "suite/PATTERN"; their figures are on the explanations page. */
function isExplanationDataset(dataset) {
  return /\/(EN_EN|EN_L|L_EN|L_L)$/.test(dataset ?? '');
}

/** "2026-12-07 05:00 – 05:30" for a "start/end" window key. */
function windowLabel(key) {
  const [start, end] = key.split('/');
  const from = instant(start);
  const to = instant(end);
  return from.slice(0, 10) === to.slice(0, 10) ? from + '–' + to.slice(11) + ' UTC' : from + ' – ' + to + ' UTC';
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) {
      groups.set(k, []);
    }
    groups.get(k).push(item);
  }
  return [...groups.entries()];
}

function figuresTable(cells) {
  const withDsl = cells.some((c) => c.dsl && c.dsl.labels > 0);
  const head = [
    th('dataset', null, false),
    th('language', null, false),
    th('answers', MEANING.answers),
    th('pairs', 'text/image pairs the figures rest on'),
    th('F_text', MEANING.fText + '; ' + MEANING.interval),
    th('F_image', MEANING.fImage + '; ' + MEANING.interval),
    th('F_image+remedy', MEANING.fImageRemedy + '; ' + MEANING.interval),
    th('IFL', MEANING.ifl + '; ' + MEANING.interval),
    th('IFL+remedy', MEANING.iflRemedy + '; ' + MEANING.interval),
    th('diff', MEANING.diff + '; ' + MEANING.interval),
    th('relative', MEANING.relative),
  ];
  if (withDsl) {
    head.push(...DSL_HEAD);
  }
  let previous = null;
  const rows = cells.map((c) => {
    const first = c.dataset !== previous;
    previous = c.dataset;
    const partial = c.partial === true;
    const row = el('tr', {
      data: { dataset: c.dataset, language: c.language, partial: partial ? 'true' : null },
      class: [partial ? 'partial' : null, first ? 'group-start' : null].filter((x) => x).join(' ') || null,
    },
    el('td', { class: 'label' }, c.dataset),
    el('th', { scope: 'row', class: 'label' }, c.language),
    el('td', { class: 'num', title: MEANING.answers },
        partial ? partialMark(c.counted, c.expected) : answers(c.counted, c.expected)),
    el('td', { class: 'num' }, String(c.pairs)),
    figureCell('fText', c.text?.fidelity ?? null),
    figureCell('fImage', c.image?.fidelity ?? null),
    figureCell('fImageRemedy', c.imageRemedy?.fidelity ?? null),
    figureCell('ifl', c.ifl ?? null),
    figureCell('iflRemedy', c.iflRemedy ?? null),
    figureCell('diff', c.diff ?? null),
    figureCell('relative', c.relative ?? null, { ratio: true }));
    if (withDsl) {
      row.append(...dslCells(c));
    }
    return row;
  });
  const partialCount = cells.filter((c) => c.partial === true).length;
  return tableBlock({
    id: 'figures',
    caption: 'IFL per dataset and language',
    exportName: fileName(state.model, state.checkpoint, state.dataset, 'figures'),
    head,
    rows,
    note: partialCount ? partialCount + ' partial row(s): fewer answers counted than the published queries '
        + 'expect; their figures are not final.' : null,
  });
}

/** The DSL columns: fidelities and IFLs debiased with the experts' language labels, beside the identifier's. */
const DSL_HEAD = [
  th('DSL labels', 'answers with an expert language label (DSL)'),
  th('DSL F_text', 'F_text estimated with the expert language labels (DSL); ' + MEANING.interval),
  th('DSL F_image', 'F_image estimated with the expert language labels (DSL); ' + MEANING.interval),
  th('DSL F_image+remedy', 'F_image+remedy estimated with the expert language labels (DSL); ' + MEANING.interval),
  th('DSL IFL', 'IFL estimated with the expert language labels (DSL); ' + MEANING.interval),
  th('DSL IFL+remedy', 'IFL+remedy estimated with the expert language labels (DSL); ' + MEANING.interval),
];

function dslCells(f) {
  // Without a label the DSL figures are the identifier's own again: shown as missing, not as a debiased figure.
  const d = f.dsl && f.dsl.labels > 0 ? f.dsl : null;
  return [el('td', { class: 'num' }, f.dsl ? String(f.dsl.labels) : MISSING),
    figureCell('dslFText', d?.text ?? null), figureCell('dslFImage', d?.image ?? null),
    figureCell('dslFImageRemedy', d?.imageRemedy ?? null), figureCell('dslIfl', d?.ifl ?? null),
    figureCell('dslIflRemedy', d?.iflRemedy ?? null)];
}

/** The summary rows to show: each dataset's (of the selected one) and the checkpoint's, as [label, figures]. */
function summaryRows(summary) {
  return [...summary.datasets.filter((d) => !isExplanationDataset(d.dataset))
      .filter((d) => !state.dataset || d.dataset === state.dataset)
      .map((d) => [d.dataset, d]), ['all datasets', summary.checkpointSummary]]
      .filter(([, f]) => f);
}

function summaryTable(summary) {
  const withDsl = summaryRows(summary).some(([, f]) => f.dsl && f.dsl.labels > 0);
  const rows = summaryRows(summary)
      .map(([label, f], i, all) => el('tr', {
        class: [f.partial === true ? 'partial' : null, i === all.length - 1 ? 'summary-row' : null]
            .filter((x) => x).join(' ') || null,
        data: { summary: label },
      },
      el('th', { scope: 'row', class: 'label' }, label),
      el('td', { class: 'num' }, f.partial === true ? partialMark(f.counted, f.expected)
          : answers(f.counted, f.expected)),
      figureCell('fText', f.text?.fidelity ?? null),
      figureCell('fImage', f.image?.fidelity ?? null),
      figureCell('fImageRemedy', f.imageRemedy?.fidelity ?? null),
      figureCell('ifl', f.ifl ?? null),
      figureCell('iflRemedy', f.iflRemedy ?? null),
      figureCell('diff', f.diff ?? null),
      figureCell('relative', f.relative ?? null, { ratio: true }),
      ...(withDsl ? dslCells(f) : [])));
  return tableBlock({
    id: 'summary',
    caption: 'Averages (unweighted mean over languages)',
    exportName: fileName(state.model, state.checkpoint, 'averages'),
    head: [th('dataset', null, false), th('answers', MEANING.answers), th('F_text', MEANING.fText),
      th('F_image', MEANING.fImage), th('F_image+remedy', MEANING.fImageRemedy), th('IFL', MEANING.ifl),
      th('IFL+remedy', MEANING.iflRemedy), th('diff', MEANING.diff), th('relative', MEANING.relative),
      ...(withDsl ? DSL_HEAD : [])],
    rows,
  });
}

const ACCURACY = 'share of answers matching a reference answer (surrogate)';
const DSL_ACCURACY = 'share of correct answers estimated with the expert correctness labels (DSL)';

/**
 * Accuracy per dataset and language, then the averages: per arm the surrogate (answers matching a reference answer)
 * and, where experts judged correctness, its DSL estimate; the differences image − text and image+remedy − text.
 */
function accuracyTable(cells, summary) {
  const rows = cells.map((c) => [c.dataset, c.language, c, null])
      .concat(summary ? summaryRows(summary).map(([label, f]) => [label, 'average', f, 'summary-row']) : [])
      .filter(([, , f]) => f.accuracy)
      .map(([dataset, language, f, rowClass]) => {
        const a = f.accuracy;
        return el('tr', { data: { dataset, language, accuracy: 'true' }, class: rowClass },
            el('td', { class: 'label' }, dataset),
            el('th', { scope: 'row', class: 'label' }, language),
            el('td', { class: 'num' }, String(a.labels)),
            figureCell('accuracyText', a.text.surrogate), figureCell('accuracyImage', a.image.surrogate),
            figureCell('accuracyImageRemedy', a.imageRemedy.surrogate),
            figureCell('accuracyDifference', a.difference), figureCell('accuracyDifferenceRemedy', a.differenceRemedy),
            figureCell('dslAccuracyText', a.text.dsl), figureCell('dslAccuracyImage', a.image.dsl),
            figureCell('dslAccuracyImageRemedy', a.imageRemedy.dsl),
            figureCell('dslAccuracyDifference', a.dslDifference),
            figureCell('dslAccuracyDifferenceRemedy', a.dslDifferenceRemedy));
      });
  return tableBlock({
    id: 'accuracy',
    caption: 'Accuracy per dataset and language',
    exportName: fileName(state.model, state.checkpoint, state.dataset, 'accuracy'),
    head: [th('dataset', null, false), th('language', null, false),
      th('correctness labels', 'answers an expert judged correct or wrong'),
      th('Acc_text', ACCURACY + ', text arm; ' + MEANING.interval),
      th('Acc_image', ACCURACY + ', image arm; ' + MEANING.interval),
      th('Acc_image+remedy', ACCURACY + ', image with remedy; ' + MEANING.interval),
      th('Δ image', 'Acc_image − Acc_text, paired by item; ' + MEANING.interval),
      th('Δ image+remedy', 'Acc_image+remedy − Acc_text, paired by item; ' + MEANING.interval),
      th('DSL Acc_text', DSL_ACCURACY + ', text arm; ' + MEANING.interval),
      th('DSL Acc_image', DSL_ACCURACY + ', image arm; ' + MEANING.interval),
      th('DSL Acc_image+remedy', DSL_ACCURACY + ', image with remedy; ' + MEANING.interval),
      th('DSL Δ image', 'DSL Acc_image − DSL Acc_text, paired by item; ' + MEANING.interval),
      th('DSL Δ image+remedy', 'DSL Acc_image+remedy − DSL Acc_text, paired by item; ' + MEANING.interval)],
    rows,
    note: 'Accuracy in percentage points; DSL figures only where experts judged the correctness of answers of '
        + 'the arm (a difference: of both arms).',
  });
}

/** IFL and IFL+remedy per language of one dataset: a dot with its 95% interval, side by side. */
function intervalChart(dataset, cells) {
  if (!cells.some((c) => Number.isFinite(c.ifl?.value) || Number.isFinite(c.iflRemedy?.value))) {
    return el('section', { class: 'chart-block' }, el('h3', null, 'IFL and IFL+remedy per language · ' + dataset),
        emptyState('No IFL yet for ' + dataset + ': no text/image pairs answered.'));
  }
  const languages = cells.map((c) => c.language);
  const arms = [['IFL', 'ifl', -1], ['IFL+remedy', 'iflRemedy', 1]];
  const series = arms.map(([name, field, side]) => ({
    name,
    type: 'custom',
    renderItem: dotItem(side),
    encode: { x: 0, y: [1, 2, 3] },
    data: cells.map((c, i) => [i, pointsNumber(c[field]?.value), pointsNumber(c[field]?.low),
      pointsNumber(c[field]?.high)]),
  }));
  const option = {
    ...baseOption(),
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const c = cells[items[0]?.dataIndex ?? 0];
        return [escapeHtml(dataset + ' · ' + c.language), tooltipLine(null, 'IFL', c.ifl),
          tooltipLine(null, 'IFL+remedy', c.iflRemedy), tooltipLine(null, 'diff', c.diff),
          'answers ' + escapeHtml(answers(c.counted, c.expected)) + (c.partial ? ' (partial)' : ''),
          '<i>percentage points, [95% interval]</i>'].join('<br>');
      },
    },
    xAxis: { type: 'category', data: languages, axisLabel: { interval: 0 }, axisLine: { onZero: false } },
    yAxis: { type: 'value', name: 'points', scale: true },
    series,
  };
  return chartBlock({
    id: 'dots-' + fileName(dataset),
    title: 'IFL and IFL+remedy per language · ' + dataset,
    note: 'Dot: the figure; bar: its 95% interval.',
    exportName: fileName(state.model, state.checkpoint, dataset, 'intervals'),
    option,
    height: narrow() ? 260 : 300,
  });
}

function dotItem(side) {
  return (params, api) => {
    const value = api.value(1);
    if (value === null || Number.isNaN(value)) {
      return null;
    }
    const x = api.value(0);
    const width = api.size([1, 0])[0];
    const offset = side * Math.min(width * 0.15, 14);
    const point = api.coord([x, value]);
    const color = api.visual('color');
    const children = [];
    const low = api.value(2);
    const high = api.value(3);
    if (!Number.isNaN(low) && !Number.isNaN(high) && low !== null && high !== null) {
      const top = api.coord([x, high]);
      const bottom = api.coord([x, low]);
      children.push({ type: 'line', shape: { x1: point[0] + offset, y1: bottom[1], x2: point[0] + offset,
        y2: top[1] }, style: { stroke: color, lineWidth: 2 } });
      for (const y of [bottom[1], top[1]]) {
        children.push({ type: 'line', shape: { x1: point[0] + offset - 4, y1: y, x2: point[0] + offset + 4, y2: y },
          style: { stroke: color, lineWidth: 2 } });
      }
    }
    children.push({ type: 'circle', shape: { cx: point[0] + offset, cy: point[1], r: 4.5 },
      style: { fill: color, stroke: '#fff', lineWidth: 1 } });
    return { type: 'group', children };
  };
}

/** The IFL per language over the hopping windows (of the selected dataset, or averaged over datasets). */
function seriesChart(series) {
  const rows = series.filter((s) => !isExplanationDataset(s.dataset)
      && (!state.dataset || !s.dataset || s.dataset === state.dataset));
  if (!rows.length) {
    return emptyState('No hopping windows yet for ' + state.model + ' / ' + state.checkpoint + '.');
  }
  const several = new Set(rows.map((s) => s.dataset)).size > 1;
  const byLanguage = groupBy(rows, (s) => s.language + (several ? ' · ' + s.dataset : ''));
  const option = {
    ...baseOption(),
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      formatter: (item) => {
        const s = item.data.row;
        return [escapeHtml(item.seriesName), escapeHtml(windowLabel(s.window)), tooltipLine(null, 'IFL', s.ifl),
          tooltipLine(null, 'IFL+remedy', s.iflRemedy), 'pairs ' + escapeHtml(s.pairs)].join('<br>');
      },
    },
    xAxis: { type: 'time', name: narrow() ? '' : 'window start (UTC)', nameLocation: 'middle', nameGap: 28,
      axisLine: { onZero: false } },
    yAxis: { type: 'value', name: 'IFL (points)', scale: true },
    series: byLanguage.map(([name, items], i) => ({
      name,
      type: 'line',
      symbolSize: 5,
      data: items.map((s) => ({ value: [s.start, pointsNumber(s.ifl?.value)], row: s })),
      markLine: i === 0 ? windowMark(rows) : undefined,
    })),
  };
  return chartBlock({
    id: 'series',
    title: 'IFL per language over hopping windows' + (state.dataset ? ' · ' + state.dataset : ''),
    note: 'Each point is one hopping window (by its start); the line marks the selected window.',
    exportName: fileName(state.model, state.checkpoint, state.dataset, 'windows'),
    option,
    height: narrow() ? 300 : 340,
  });
}

/** A vertical dotted line at the selected window's start. */
function windowMark(rows) {
  const row = rows.find((s) => s.window === state.window);
  return row ? { silent: true, symbol: 'none', lineStyle: { color: '#666', type: 'dotted' }, label: { show: false },
    data: [{ xAxis: row.start }] } : undefined;
}

// Overview (index.html?model=&languages=): per model a table of its checkpoints in registration order and a
// trend chart of the average IFL across them, from GET /overview.
import {
  api, baseOption, chartBlock, drawCharts, el, emptyState, escapeHtml, figureCell, fileName, fill, fillControls,
  hasInterval, instant, MEANING, matches, narrow, pageUrl, params, pointsNumber, runPage, select, setParams, tableBlock,
  th, tooltipLine, answers,
} from './dashboard.js';

const state = {
  model: params().model ?? '',
  checkpoint: params().checkpoint ?? '',
  languages: (params().languages ?? '').split(',').filter((l) => l),
};

function saveState() {
  setParams({ model: state.model, checkpoint: state.checkpoint, languages: state.languages.join(',') });
}

const page = runPage({
  page: 'index.html',
  filter: () => ({ model: state.model, checkpoint: state.checkpoint, feedCheckpoint: false }),
  concerns: (change) => matches(change, { model: state.model }) && change.window === 'cumulative',
  concernsAlert: (alert) => matches(alert, { model: state.model }),
  load,
});

async function load() {
  const [overview, all] = await Promise.all([
    api('/overview', { model: state.model }),
    api('/checkpoints'),
  ]);
  const models = [...new Set(all.map((c) => c.model).concat(overview.map((m) => m.model)))].sort();
  const languages = [...new Set(overview.flatMap((m) => m.checkpoints)
      .flatMap((c) => c.languages ?? []).map((l) => l.language))].sort();
  saveState();
  renderControls(models, languages);
  const view = document.getElementById('view');
  if (!overview.length || overview.every((m) => !m.checkpoints.length)) {
    fill(view, emptyState(state.model ? 'No checkpoints yet for model ' + state.model + '.'
        : 'No checkpoints yet: stats-stream has no cells, published queries or registrations.'));
    drawCharts();
    return;
  }
  fill(view, el('p', { class: 'legend-note' },
      'Figures in percentage points, [low, high] = 95% interval. IFL = F_image − F_text; '
      + 'IFL+remedy: with the steering remedy; remedy difference = IFL+remedy − IFL.'),
  overview.map(modelSection));
  drawCharts();
}

function renderControls(models, languages) {
  fillControls([state, models, languages], () => [
      select({
        label: 'Model', name: 'model', value: state.model,
        options: [{ value: '', label: 'all models' }, ...models.map((m) => ({ value: m }))],
        onChange: (v) => {
          state.model = v;
          state.checkpoint = '';
          saveState();
          page.refresh();
        },
      }),
      languages.length ? el('fieldset', { class: 'languages' },
          el('legend', null, 'Language lines'),
          languages.map((l) => el('label', { class: 'check' },
              el('input', {
                type: 'checkbox', value: l, checked: state.languages.includes(l),
                on: { change: (ev) => toggleLanguage(l, ev.target.checked) },
              }), l))) : null]);
}

function toggleLanguage(language, on) {
  state.languages = on ? [...new Set([...state.languages, language])].sort()
      : state.languages.filter((l) => l !== language);
  saveState();
  page.refresh();
}

function modelSection(model) {
  const name = model.model;
  const section = el('section', { class: 'model', data: { model: name } }, el('h2', null, 'Model ', el('span', {
    class: 'name' }, name)));
  if (!model.checkpoints.length) {
    section.append(emptyState('No checkpoints yet for model ' + name + '.'));
    return section;
  }
  section.append(el('div', { class: 'pair' },
      tableBlock({
        id: null,
        caption: 'Checkpoints',
        exportName: fileName('overview', name),
        head: [
          th('checkpoint', 'registration order; click for its figures', false),
          th('avg IFL [95%]', MEANING.ifl + '; unweighted mean over the cells'),
          th('IFL+remedy', MEANING.iflRemedy),
          th('remedy diff', MEANING.diff),
          th('answers', MEANING.answers),
          th('open alerts', 'datasets whose regression alert stands'),
          th('attributes', 'attributes of the registration', false),
          th('baseline', 'the checkpoint regressions are checked against', false),
          th('registered (UTC)', 'when the checkpoint was registered (eval.checkpoints)', false),
        ],
        rows: model.checkpoints.map((c) => checkpointRow(name, c)),
      }),
      trendChart(model)));
  return section;
}

function checkpointRow(model, c) {
  const s = c.summary;
  const link = pageUrl('checkpoint.html', { model, checkpoint: c.checkpoint });
  return el('tr', {
    data: { model, checkpoint: c.checkpoint, partial: c.partial === true ? 'true' : null },
    title: 'open the figures of ' + c.checkpoint,
    on: { click: (ev) => {
      if (!ev.target.closest('a, button') && !getSelection().toString()) {
        location.href = link;
      }
    } },
    class: [c.partial === true ? 'partial' : null, c.openAlerts ? 'alerting' : null].filter((x) => x).join(' ')
        || null,
  },
  el('th', { scope: 'row', class: 'label' }, el('a', { href: link }, c.checkpoint),
      c.partial === true ? [' ', el('span', { class: 'tag partial-tag', title: MEANING.answers }, 'partial')] : null,
      c.registered === false ? ' ' : null,
      c.registered === false ? el('span', { class: 'tag', title: 'seen in the stream, never registered' },
          'unregistered') : null),
  figureCell('ifl', s?.ifl ?? null),
  figureCell('iflRemedy', s?.iflRemedy ?? null),
  figureCell('diff', s?.diff ?? null),
  el('td', { class: 'num', data: { figure: 'counted' }, title: MEANING.answers }, answers(c.counted, c.expected)),
  el('td', { class: 'num' + (c.openAlerts ? ' alert-count' : '') },
      c.openAlerts ? el('a', { href: pageUrl('alerts.html', { model, checkpoint: c.checkpoint }) },
          String(c.openAlerts)) : '0'),
  el('td', { class: 'label attributes' }, attributes(c.attributes)),
  el('td', { class: 'label' }, c.baselineCheckpoint ?? '–'),
  el('td', { class: 'label nowrap' }, instant(c.registeredAt)));
}

function attributes(map) {
  const entries = Object.entries(map ?? {});
  if (!entries.length) {
    return '–';
  }
  // the spaces between the entries keep them apart in the CSV export (a flex container does not show them)
  return el('span', { class: 'attrs' }, entries.flatMap(([k, v], i) => [i ? ' ' : null, el('span', { class: 'attr' },
      el('span', { class: 'key' }, k), '=', String(v))]));
}

function trendChart(model) {
  const checkpoints = model.checkpoints.map((c) => c.checkpoint);
  const ifl = model.checkpoints.map((c) => c.summary?.ifl ?? null);
  const remedy = model.checkpoints.map((c) => c.summary?.iflRemedy ?? null);
  const series = [
    {
      name: '95% interval',
      type: 'custom',
      renderItem: bandItem(ifl),
      // low and high as dimensions, so that the value axis spans the band
      data: ifl.map((e, i) => [i, hasInterval(e) ? pointsNumber(e.low) : '-',
        hasInterval(e) ? pointsNumber(e.high) : '-']),
      encode: { x: 0, y: [1, 2] },
      itemStyle: { color: '#1f5fbf' },
      z: 1,
      silent: true,
      tooltip: { show: false },
    },
    {
      name: 'avg IFL',
      type: 'line',
      data: ifl.map((e) => pointsNumber(e?.value)),
      symbolSize: 7,
      lineStyle: { width: 2.5 },
      connectNulls: false,
      z: 3,
    },
    {
      name: 'avg IFL+remedy',
      type: 'line',
      data: remedy.map((e) => pointsNumber(e?.value)),
      symbolSize: 6,
      lineStyle: { type: 'dashed' },
      z: 3,
    },
  ];
  for (const language of state.languages) {
    series.push({
      name: 'IFL ' + language,
      type: 'line',
      data: model.checkpoints.map((c) => pointsNumber(c.languages?.find((l) => l.language === language)?.ifl?.value)),
      symbolSize: 4,
      lineStyle: { width: 1.2 },
      z: 2,
    });
  }
  const alerting = model.checkpoints.map((c, i) => (c.openAlerts ? [i, pointsNumber(c.summary?.ifl?.value)] : null))
      .filter((p) => p && p[1] !== null);
  if (alerting.length) {
    series.push({
      name: 'open alert', type: 'scatter', data: alerting, symbol: 'triangle', symbolSize: 14,
      itemStyle: { color: '#c62828' }, z: 4,
    });
  }
  const option = {
    ...baseOption(),
    legend: { top: 0, type: 'scroll', data: series.filter((s) => s.type !== 'custom').map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const i = items[0]?.dataIndex ?? 0;
        const c = model.checkpoints[i];
        const lines = [escapeHtml(c.checkpoint)];
        lines.push(tooltipLine(null, 'avg IFL', c.summary?.ifl));
        lines.push(tooltipLine(null, 'avg IFL+remedy', c.summary?.iflRemedy));
        for (const language of state.languages) {
          lines.push(tooltipLine(null, 'IFL ' + language, c.languages?.find((l) => l.language === language)?.ifl));
        }
        lines.push('answers ' + escapeHtml(answers(c.counted, c.expected)) + (c.partial ? ' (partial)' : ''));
        if (c.openAlerts) {
          lines.push('<span style="color:#c62828">open alerts: ' + escapeHtml(c.openAlerts) + '</span>');
        }
        lines.push('<i>percentage points, [95% interval]</i>');
        return lines.join('<br>');
      },
    },
    xAxis: { type: 'category', data: checkpoints, name: narrow() ? '' : 'checkpoint', nameLocation: 'middle',
      nameGap: 28, axisLabel: { hideOverlap: true }, axisLine: { onZero: false } },
    yAxis: { type: 'value', name: 'IFL (points)', scale: true },
    series,
  };
  return chartBlock({
    id: 'trend-' + fileName(model.model),
    title: 'Average IFL across checkpoints',
    note: 'Band: 95% interval of the average IFL. A regression shows as a step down; ▲ marks open alerts.',
    exportName: fileName('trend', model.model),
    option,
    height: narrow() ? 300 : 340,
  });
}

/** A custom series item drawing the interval band between checkpoint i and i + 1 (a whisker when alone). */
function bandItem(estimates) {
  return (params, api) => {
    const i = api.value(0);
    const e = estimates[i];
    const next = estimates[i + 1];
    const color = '#1f5fbf';
    if (!hasInterval(e)) {
      return null;
    }
    const low = api.coord([i, pointsNumber(e.low)]);
    const high = api.coord([i, pointsNumber(e.high)]);
    if (hasInterval(next)) {
      const nextLow = api.coord([i + 1, pointsNumber(next.low)]);
      const nextHigh = api.coord([i + 1, pointsNumber(next.high)]);
      return {
        type: 'polygon',
        shape: { points: [low, nextLow, nextHigh, high] },
        style: { fill: color, opacity: 0.15 },
      };
    }
    const previous = estimates[i - 1];
    if (hasInterval(previous)) {
      return null; // drawn by the previous item's quad
    }
    return {
      type: 'line',
      shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] },
      style: { stroke: color, lineWidth: 6, opacity: 0.25 },
    };
  };
}

// Alerts (alerts.html?model=&checkpoint=): the latest regression alerts, newest first, FIRING or RESOLVED and
// whether each still stands, updated live on every `alert` event (GET /alerts, /checkpoints).
import {
  api, choices, el, emptyState, estimate, fileName, fill, fillControls, instant, matches, MEANING, pageUrl, params,
  points, runPage, select, setParams, tableBlock, th,
} from './dashboard.js';

const state = {
  model: params().model ?? '',
  checkpoint: params().checkpoint ?? '',
};

function saveState() {
  setParams({ model: state.model, checkpoint: state.checkpoint });
}

const page = runPage({
  page: 'alerts.html',
  filter: () => ({ model: state.model, checkpoint: state.checkpoint }),
  concerns: () => false,
  concernsAlert: (alert) => matches(alert, state),
  load,
});

async function load() {
  const [alerts, checkpoints] = await Promise.all([
    api('/alerts', { model: state.model, checkpoint: state.checkpoint }),
    api('/checkpoints'),
  ]);
  saveState();
  renderControls(checkpoints);
  const view = document.getElementById('view');
  if (!alerts.length) {
    fill(view, emptyState('No alerts yet' + (state.model ? ' for ' + state.model : '')
        + (state.checkpoint ? ' / ' + state.checkpoint : '')
        + ': no checkpoint\'s IFL has regressed against its baseline.'));
    return;
  }
  const open = alerts.filter((a) => a.open).length;
  fill(view,
      el('p', { class: 'legend-note' }, open + ' open of ' + alerts.length + ' alert record(s), newest first. '
          + 'An alert fires when a checkpoint\'s IFL falls below its baseline\'s by more than the threshold '
          + 'and the 95% interval of the difference lies below 0; it resolves when that no longer holds. '
          + 'Figures in percentage points.'),
      tableBlock({
        id: 'alerts',
        caption: 'Alerts',
        exportName: fileName('alerts', state.model, state.checkpoint),
        head: [
          th('detected (UTC)', 'when the check ran', false),
          th('state', 'FIRING: regressed; RESOLVED: recovered; open: the latest record of its alert, FIRING', false),
          th('checkpoint', null, false),
          th('dataset', null, false),
          th('difference', 'IFL − baseline IFL (worst language), with its 95% interval'),
          th('languages', 'languages whose IFL regressed', false),
          th('IFL', MEANING.ifl + ' (worst language)'),
          th('baseline IFL', 'the baseline checkpoint\'s IFL'),
          th('baseline', 'the checkpoint compared against', false),
          state.model ? null : th('model', null, false),
          th('threshold', 'how far the IFL must fall to fire'),
          th('reason', null, false),
        ],
        rows: alerts.map(alertRow),
      }));
}

function renderControls(checkpoints) {
  const { models, own } = choices(checkpoints, state);
  fillControls([state, models, own], () => [
      select({ label: 'Model', name: 'model', value: state.model,
        options: [{ value: '', label: 'all models' }, ...models.map((m) => ({ value: m }))],
        onChange: (v) => change({ model: v, checkpoint: '' }) }),
      state.model ? select({ label: 'Checkpoint', name: 'checkpoint', value: state.checkpoint,
        options: [{ value: '', label: 'all checkpoints' }, ...own.map((c) => ({ value: c }))],
        onChange: (v) => change({ checkpoint: v }) }) : null]);
}

function change(values) {
  Object.assign(state, values);
  saveState();
  page.refresh();
}

function alertRow(a) {
  const firing = a.state === 'FIRING';
  return el('tr', {
    data: { alertId: a.alertId, state: a.state, open: String(a.open === true) },
    class: a.open ? 'open' : null,
  },
  el('td', { class: 'label' }, instant(a.detectedAt)),
  el('td', { class: 'label' }, el('span', { class: 'state ' + (firing ? 'FIRING' : 'RESOLVED') }, a.state),
      a.open ? [' ', el('b', { class: 'open-mark' }, 'open')] : null),
  el('th', { scope: 'row', class: 'label' }, el('a', { href: pageUrl('checkpoint.html', { model: a.model,
    checkpoint: a.checkpoint, dataset: a.dataset }) }, a.checkpoint)),
  el('td', { class: 'label' }, a.dataset ?? 'all'),
  el('td', { class: 'num' }, estimate(a.difference)),
  el('td', null, (a.languages ?? []).join(', ') || '–'),
  el('td', { class: 'num' }, estimate(a.ifl)),
  el('td', { class: 'num' }, estimate(a.baselineIfl)),
  el('td', { class: 'label' }, el('a', { href: pageUrl('checkpoint.html', { model: a.model,
    checkpoint: a.baselineCheckpoint, dataset: a.dataset }) }, a.baselineCheckpoint)),
  // one model chosen: its name is in the selector above, and the reason keeps room to wrap at 1280 px
  state.model ? null : el('td', { class: 'label' }, el('a', { href: pageUrl('index.html', { model: a.model }) },
      a.model)),
  el('td', { class: 'num' }, points(a.threshold)),
  el('td', { class: 'reason' }, a.reason ?? ''));
}

// The annotation page: one sampled answer at a time; each verdict is POSTed to /api/labels, which checks it,
// publishes it to eval.annotations and keeps it beside the sheet. The page moves on only once the server says so.

const $ = (id) => document.getElementById(id);
let rows = [];
let index = 0;

function status(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = 'status ' + (kind || '');
  s.hidden = !text;
}

function labelled() {
  return rows.filter((r) => r.label).length;
}

function firstOpenFrom(start) {
  for (let k = 0; k < rows.length; k++) {
    const i = (start + k) % rows.length;
    if (!rows[i].label) return i;
  }
  return -1;
}

function setRadio(name, value) {
  document.querySelectorAll(`input[name="${name}"]`).forEach((input) => {
    input.checked = input.value === value;
  });
}

function radio(name) {
  const checked = document.querySelector(`input[name="${name}"]:checked`);
  return checked ? checked.value : null;
}

function showTrueLanguage() {
  $('true-language-field').hidden = radio('in_expected_language') !== 'no';
}

function render() {
  const done = labelled();
  $('progress').textContent = `${done} of ${rows.length} labelled`;
  if (rows.length === 0) {
    status('The sheet has no rows.', 'error');
    return;
  }
  const row = rows[index];
  document.body.dataset.index = String(index);
  document.body.dataset.completion = row.completion_id;
  $('meta').textContent = `Answer ${index + 1} of ${rows.length} · ${row.dataset ?? '?'} · item ${row.item ?? '?'}`
      + ` · ${row.language ?? '?'} · ${row.arm ?? '?'} arm`;
  $('figure').hidden = !row.image;
  if (row.image) $('image').src = row.image;
  else $('image').removeAttribute('src');
  $('description-block').hidden = !(row.description && row.arm === 'TEXT');
  $('description').textContent = row.description ?? '';
  $('question').textContent = row.question ?? '';
  $('question').lang = row.language ?? '';
  $('answer').textContent = row.answer ?? '';
  $('answer').lang = row.expected_language ?? '';
  const refs = row.reference_answers ?? [];
  $('references').hidden = refs.length === 0;
  $('references').textContent = refs.length ? 'Reference answers: ' + refs.join(' · ') : '';
  $('judge').textContent = row.judge ?? '';
  $('expected').textContent = `${row.expected_language_name || row.expected_language} (${row.expected_language})`;
  const label = row.label ?? {};
  setRadio('in_expected_language', label.in_expected_language ?? null);
  setRadio('correct', label.correct ?? null);
  $('true-language').value = label.true_language ?? '';
  if (label.annotator) $('annotator').value = label.annotator;
  showTrueLanguage();
  $('previous').disabled = index === 0;
  $('next').disabled = index === rows.length - 1;
  document.body.dataset.ready = 'true';
}

async function save(event) {
  event.preventDefault();
  const body = {
    completion_id: rows[index].completion_id,
    in_expected_language: radio('in_expected_language'),
    true_language: radio('in_expected_language') === 'no' ? $('true-language').value.trim() || null : null,
    correct: radio('correct'),
    annotator: $('annotator').value.trim(),
  };
  if (!body.annotator) {
    status('Enter your annotator id first.', 'error');
    $('annotator').focus();
    return;
  }
  if (!body.in_expected_language && !body.correct) {
    status('Choose yes, no or unclear for at least one question.', 'error');
    return;
  }
  $('save').disabled = true;
  try {
    const response = await fetch('/api/labels', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      status(answer.error || `not saved (HTTP ${response.status})`, 'error');
      return;
    }
    localStorage.setItem('ifl-annotator', body.annotator);
    rows[index].label = body;
    status(answer.published ? 'Saved and published.' : 'Saved (not published: dry run).', 'saved');
    const next = firstOpenFrom(index + 1);
    if (next < 0) {
      status(`All ${rows.length} answers are labelled. Thank you!`, 'saved');
    } else {
      index = next;
    }
    render();
  } catch (e) {
    status('Not saved: the annotation server did not answer (' + e.message + '). Try again.', 'error');
  } finally {
    $('save').disabled = false;
  }
}

async function start() {
  const response = await fetch('/api/sheet');
  const sheet = await response.json();
  rows = sheet.rows;
  $('sheet-name').textContent = sheet.sheet + (sheet.publishing ? '' : ' (dry run: nothing is published)');
  const annotator = sheet.annotator || localStorage.getItem('ifl-annotator');
  if (annotator) $('annotator').value = annotator;
  index = Math.max(0, firstOpenFrom(0));
  document.querySelectorAll('input[name="in_expected_language"]').forEach((input) => {
    input.addEventListener('change', showTrueLanguage);
  });
  // A verdict given clears the last message: it was about the answer as it stood.
  document.querySelectorAll('#verdicts input[type="radio"]').forEach((input) => {
    input.addEventListener('change', () => status(''));
  });
  $('verdicts').addEventListener('submit', save);
  $('previous').addEventListener('click', () => { index = Math.max(0, index - 1); status(''); render(); });
  $('next').addEventListener('click', () => { index = Math.min(rows.length - 1, index + 1); status(''); render(); });
  render();
}

start().catch((e) => status('The sheet could not be loaded: ' + e.message, 'error'));

// A case: its fields (editable while active), claims with amounts and denial reasons, stage
// buttons, resolve / cancel (asking consent when open work would be canceled with it),
// reactivate, and the timeline (timeline.js). Changes send If-Match with the ETag read, so
// a case someone else changed meanwhile is not overwritten: a 412 shows the case as it is now,
// with the problem above it.
import { call, get } from './api.js';
import { carcList, field, formValues, loadDirectory, ownerInput, ownerOptions, payerName, select } from './controls.js';
import { dollars, h, ownerName, problemBox, replace, table, when, words } from './format.js';
import { timeline } from './timeline.js';

const STAGES = [['new', 'New'], ['in_progress', 'In progress'], ['awaiting_payment', 'Awaiting payment']];
const CLAIM_DETAILS_READ = 25;

/** Renders case `id` into `into`. */
export async function render(into, id) {
  const dir = await loadDirectory();
  const path = `/v1/cases/${encodeURIComponent(id)}`;
  const messages = h('div', { id: 'case-messages', 'aria-live': 'assertive' });
  const canWork = dir.me.user.role !== 'viewer';
  let etag = null;

  const show = async (answer) => {
    etag = answer.etag;
    const kase = answer.body;
    replace(into,
      h('h1', { id: 'case-title', tabindex: -1 }, `${kase.number} · ${kase.subject}`),
      messages,
      summary(kase, dir),
      !canWork ? h('p', { class: 'note' }, 'You can read this case; changing it needs the biller role.')
        : kase.status === 'active' ? actions(kase) : closed(kase),
      editor(kase),
      h('section', { class: 'panel' }, h('h2', {}, 'Claims'), await claimTable(kase)),
      h('section', { class: 'panel', id: 'timeline-panel' }, h('h2', {}, 'Timeline'),
        timeline(kase, dir, { changed: reload, report, canWork })));
  };
  const reload = async () => {
    const focused = document.activeElement?.id;
    await show(await call('GET', path));
    (focused && document.getElementById(focused) || document.getElementById('case-title')).focus();
  };
  const report = (error) => replace(messages, error ? problemBox(error) : '');
  const change = async (method, suffix, body) => {
    report(null);
    try {
      await call(method, path + suffix, { body, headers: etag ? { 'If-Match': etag } : {} });
      await reload();
      return null;
    } catch (error) {
      if (error.status === 409 && error.body.open_activities) return error;
      if (error.status === 412) await reload().catch(() => {});
      report(error);
      return null;
    }
  };

  function actions(kase) {
    const stageButtons = STAGES.filter(([stage]) => stage !== kase.stage).map(([stage, title]) =>
      h('button', { type: 'button', class: 'secondary', id: `stage-${stage}`, onclick: () => change('PATCH', '', { stage }) },
        `Move to ${title}`));
    const consent = h('div', { id: 'close-consent' });
    const close = (verb) => async () => {
      const note = into.querySelector('#close-note').value.trim();
      const conflict = await change('POST', `/${verb}`, note ? { note } : {});
      if (!conflict) return;
      const work = conflict.body.open_activities.map((item) => h('li', {}, `${words(item.kind)}: ${item.subject}`));
      replace(consent, h('div', { class: 'problem', role: 'alert' },
        h('p', {}, `This case has open work that would be canceled with it:`), h('ul', {}, work),
        h('button', { type: 'button', class: 'danger', id: `${verb}-with-open-work`,
          onclick: () => change('POST', `/${verb}`, { note: note || null, cancel_open_activities: true }) },
        `Cancel the open work and ${verb}`),
        ' ', h('button', { type: 'button', class: 'secondary', onclick: () => replace(consent) }, 'Keep the case open')));
    };
    return h('section', { class: 'panel' },
      h('h2', {}, 'Stage'), h('div', { class: 'stage-buttons' }, stageButtons),
      h('h2', {}, 'Close the case'),
      field('Resolution note (optional)', h('textarea', { id: 'close-note', name: 'note' })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'resolve', onclick: close('resolve') }, 'Resolve'),
        h('button', { type: 'button', class: 'danger', id: 'cancel', onclick: close('cancel') }, 'Cancel case')),
      consent);
  }

  function closed(kase) {
    return h('section', { class: 'panel' },
      h('p', {}, `This case is ${kase.status}${kase.resolution_note ? `: ${kase.resolution_note}` : '.'}`),
      h('button', { type: 'button', id: 'reactivate', onclick: () => change('POST', '/reactivate', {}) }, 'Reactivate'));
  }

  function editor(kase) {
    const active = kase.status === 'active' && canWork;
    const owner = kase.owner ? `${kase.owner.type}:${kase.owner.id}` : '';
    const form = h('form', { id: 'case-fields', 'aria-label': 'Case fields' },
      h('fieldset', { disabled: !active, class: 'fields' },
        field('Subject', select('subject', dir.subjects.map((s) => [s, s]), kase.subject)),
        field('Owner', select('owner', ownerOptions(dir), owner, 'Unowned')),
        field('Priority', select('priority', [['high', 'High'], ['normal', 'Normal'], ['low', 'Low']], kase.priority)),
        field('Follow up by', h('input', { name: 'follow_up_by', type: 'date', value: kase.follow_up_by || '' })),
        field('CARCs disputed', h('input', { name: 'carc_codes', value: kase.carc_codes.join(' ') })),
        field('CARCs resolved', h('input', { name: 'resolved_carc_codes', value: kase.resolved_carc_codes.join(' ') })),
        field('Tags', h('input', { name: 'tags', value: kase.tags.join(', ') }))),
      field('Description', h('textarea', { name: 'description', disabled: !active }, kase.description)),
      active ? h('p', {}, h('button', { type: 'submit', id: 'save-case' }, 'Save changes')) : null);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      const patch = {};
      if (values.subject !== kase.subject) patch.subject = values.subject;
      if (values.owner !== owner) patch.owner = ownerInput(values.owner);
      if (values.priority !== kase.priority) patch.priority = values.priority;
      if (values.follow_up_by !== (kase.follow_up_by || '')) patch.follow_up_by = values.follow_up_by || null;
      const carcs = carcList(values.carc_codes), resolved = carcList(values.resolved_carc_codes);
      if (carcs.join(' ') !== kase.carc_codes.join(' ')) patch.carc_codes = carcs;
      if (resolved.join(' ') !== kase.resolved_carc_codes.join(' ')) patch.resolved_carc_codes = resolved;
      const tags = values.tags.split(',').map((tag) => tag.trim()).filter(Boolean);
      if (tags.join(',') !== kase.tags.join(',')) patch.tags = tags;
      if (values.description !== kase.description.trim()) patch.description = form.elements.description.value;
      change('PATCH', '', patch);
    });
    return h('section', { class: 'panel' }, h('h2', {}, 'Details'), form);
  }

  await reload();
}

function summary(kase, dir) {
  const totals = kase.totals;
  const figure = (title, value, name) => h('div', { 'data-figure': name }, h('dt', {}, title), h('dd', {}, value));
  return h('section', { class: 'panel', id: 'case-summary' },
    h('p', {}, `${words(kase.status)} · stage ${words(kase.stage)} · ${words(kase.priority)} priority · owner ${ownerName(kase.owner)}`,
      kase.payment_received ? ' · payment received' : ''),
    h('p', {}, `Payer: ${kase.payer.name || payerName(dir, kase.payer.id)}`, kase.patient ? ` · Patient: ${kase.patient.name}` : '',
      kase.follow_up_by ? ` · Follow up by ${kase.follow_up_by}` : '', kase.deadline ? ` · Deadline ${kase.deadline}` : ''),
    h('dl', { class: 'cards' },
      figure('Expected', dollars(totals.total_expected_cents), 'total-expected'),
      figure('Paid', dollars(totals.total_paid_cents), 'total-paid'),
      figure('Outstanding', dollars(totals.total_outstanding_cents), 'total-outstanding'),
      figure('Cost share outstanding', dollars(totals.total_cost_share_outstanding_cents), 'total-cost-share-outstanding'),
      figure('Billable dates', totals.billable_start ? `${totals.billable_start} – ${totals.billable_end}` : '', 'billable-dates')),
    h('p', { class: 'note' }, `Opened ${when(kase.created_at)} · changed ${when(kase.updated_at)} · revision ${kase.revision}`));
}

/** The case's claims with their amounts; the first 25 also with their denial reasons (one claim read each). */
async function claimTable(kase) {
  const details = await Promise.all(kase.claims.slice(0, CLAIM_DETAILS_READ).map((claim) =>
    get(`/v1/claims/${encodeURIComponent(claim.claim_id)}`).catch(() => null)));
  const reasons = new Map(details.filter(Boolean).map((claim) => [claim.id, claim.denial]));
  const money = (title, key) => ({ title, cell: (row) => dollars(row[key]), numeric: true });
  const rendered = table(null, [
    { title: 'Claim', cell: (row) => row.claim_number },
    money('Billed', 'billed_cents'), money('Expected', 'expected_cents'), money('Paid', 'paid_cents'),
    money('Cost share', 'cost_share_cents'), money('Write-off', 'write_off_cents'), money('Outstanding', 'outstanding_cents'),
    { title: 'Denial', cell: (row) => denialText(reasons.get(row.claim_id)) },
  ], kase.claims, { id: 'case-claims', key: (row) => row.claim_id });
  const more = kase.claims.length > CLAIM_DETAILS_READ
    ? h('p', { class: 'note' }, `Denial reasons shown for the first ${CLAIM_DETAILS_READ} claims.`) : null;
  return h('div', {}, rendered, more);
}

function denialText(denial) {
  if (!denial) return '';
  const reasons = denial.reasons.map((reason) => `${reason.carc_code} ${dollars(reason.amount_cents)} — ${reason.description || ''}`);
  return h('div', {}, h('strong', {}, `${words(denial.kind)} ${dollars(denial.amount_cents)}`),
    denial.category ? ` (${denial.category})` : '', reasons.map((text) => h('div', { class: 'note' }, text)));
}

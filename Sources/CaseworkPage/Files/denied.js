// Denied claims without an active case (GET /v1/claims?denied=true&has_active_case=false), and
// "open a case" for one or several of them (POST /v1/cases): the subject proposed from the
// denial category of the first chosen CARC, the disputed CARCs all the chosen claims' CARCs.
import { call, get, query } from './api.js';
import { field, formValues, hashQuery, loadDirectory, ownerInput, ownerOptions, payerName, select } from './controls.js';
import { dollars, h, problemBox, replace } from './format.js';

/** Renders the list into `into`. */
export async function render(into) {
  const dir = await loadDirectory();
  const chosen = hashQuery();
  const filters = h('form', { class: 'filters', id: 'denied-filters', 'aria-label': 'Denied claims filter' },
    field('Payer', select('payer_id', dir.payers.map((p) => [p.id, p.name]), chosen.get('payer_id'), 'All payers')),
    h('button', { type: 'submit' }, 'Apply'));
  const rows = h('div', { id: 'denied-rows', 'aria-live': 'polite' });
  const next = h('button', { type: 'button', class: 'secondary', id: 'denied-next' }, 'Next page');
  const messages = h('div', { id: 'denied-messages', 'aria-live': 'assertive' });
  const opener = openForm(dir, messages);
  opener.form.hidden = dir.me.user.role === 'viewer';
  replace(into, h('h1', {}, 'Denied claims without a case'), filters, messages, opener.form, rows, h('div', { class: 'pager' }, next));

  let cursor = null;
  const load = async (fresh) => {
    if (fresh) cursor = null;
    const payer = formValues(filters).payer_id;
    if (into.isConnected) history.replaceState(null, '', `#/denied${query({ payer_id: payer })}`);
    try {
      const page = await get(`/v1/claims${query({ denied: 'true', has_active_case: 'false', payer_id: payer, limit: 100, cursor })}`);
      cursor = page.next_cursor;
      next.disabled = !cursor;
      replace(rows, claimTable(page.items, dir, opener));
      opener.clear();
    } catch (error) {
      replace(rows, problemBox(error));
    }
  };
  filters.addEventListener('submit', (event) => { event.preventDefault(); load(true); });
  filters.addEventListener('change', () => load(true));
  next.addEventListener('click', () => load(false));
  await load(true);
}

function claimTable(claims, dir, opener) {
  if (!claims.length) return h('p', { class: 'note' }, 'No denied claim is waiting for a case.');
  const head = ['Choose', 'Claim', 'Payer', 'Service dates', 'Billed', 'Expected', 'Paid', 'Outstanding', 'Denial CARCs', 'Age (days)'];
  const numeric = new Set(['Billed', 'Expected', 'Paid', 'Outstanding', 'Age (days)']);
  return h('table', { id: 'denied-table' },
    h('thead', {}, h('tr', {}, head.map((title) => h('th', { scope: 'col', class: numeric.has(title) ? 'num' : null }, title)))),
    h('tbody', {}, claims.map((claim) => {
      const box = opener.form.hidden ? null
        : h('input', { type: 'checkbox', 'aria-label': `Choose claim ${claim.claim_number}`, 'data-claim': claim.id });
      box?.addEventListener('change', () => opener.toggle(claim, box.checked));
      return h('tr', { 'data-id': claim.id },
        h('td', {}, box), h('td', {}, claim.claim_number), h('td', {}, payerName(dir, claim.payer_id)),
        h('td', {}, claim.service_start === claim.service_end ? claim.service_start : `${claim.service_start} – ${claim.service_end}`),
        h('td', { class: 'num' }, dollars(claim.billed_cents)), h('td', { class: 'num' }, dollars(claim.expected_cents)),
        h('td', { class: 'num' }, dollars(claim.paid_cents)), h('td', { class: 'num' }, dollars(claim.outstanding_cents)),
        h('td', {}, claim.denial_carc_codes.join(' ')), h('td', { class: 'num' }, claim.age_days));
    })));
}

/** The "open a case" form and the claims chosen for it. */
function openForm(dir, messages) {
  const picked = new Map();
  const subject = select('subject', dir.subjects.map((s) => [s, s]), 'other');
  const count = h('span', { id: 'chosen-count' }, 'No claim chosen.');
  const submit = h('button', { type: 'submit', id: 'open-case', disabled: true }, 'Open a case');
  const form = h('form', { class: 'filters panel', id: 'open-case-form', 'aria-label': 'Open a case for the chosen claims' },
    count,
    field('Subject', subject),
    field('Priority', select('priority', [['high', 'High'], ['normal', 'Normal'], ['low', 'Low']], 'normal')),
    field('Owner', select('owner', ownerOptions(dir), '', 'Unowned')),
    field('Follow up by', h('input', { name: 'follow_up_by', type: 'date' })),
    field('Description', h('input', { name: 'description', size: 30 })),
    submit);
  let chosenByHand = false;
  subject.addEventListener('change', () => { chosenByHand = true; });
  const categories = new Map(dir.categories.map((row) => [row.carc_code, row.subject]));
  const update = () => {
    const claims = [...picked.values()];
    submit.disabled = claims.length === 0;
    const total = claims.reduce((sum, claim) => sum + claim.outstanding_cents, 0);
    count.textContent = claims.length
      ? `${claims.length} claim${claims.length === 1 ? '' : 's'} chosen, ${dollars(total)} outstanding.` : 'No claim chosen.';
    const first = claims[0]?.denial_carc_codes[0];
    const proposed = first && categories.get(first.split('-').slice(1).join('-'));
    if (proposed && !chosenByHand && dir.subjects.includes(proposed)) subject.value = proposed;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const claims = [...picked.values()];
    const carcs = [...new Set(claims.flatMap((claim) => claim.denial_carc_codes))];
    const body = {
      claims: claims.map((claim) => ({ claim_id: claim.id })), subject: values.subject, carc_codes: carcs,
      priority: values.priority, owner: ownerInput(values.owner), follow_up_by: values.follow_up_by || null,
      description: values.description,
    };
    replace(messages);
    try {
      const answer = await call('POST', '/v1/cases', { body });
      location.hash = `#/cases/${encodeURIComponent(answer.body.id)}`;
    } catch (error) {
      replace(messages, problemBox(error));
    }
  });
  return {
    form,
    toggle(claim, on) {
      if (on) picked.set(claim.id, claim); else picked.delete(claim.id);
      update();
    },
    clear() {
      picked.clear();
      update();
    },
  };
}

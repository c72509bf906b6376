// The six views as tables: GET /v1/cases with the view, the API's filters, its sorts, keyset
// paging (Next / Previous keep the cursors) and the CSV export (Accept: text/csv).
import { Problem, call, get, query, token } from './api.js';
import { field, formValues, hashQuery, loadDirectory, ownerOptions, select } from './controls.js';
import { caseLink, dollars, h, ownerName, problemBox, replace, table, words } from './format.js';

const VIEWS = [['all', 'All'], ['open', 'Open'], ['my_open', 'My open'], ['in_progress', 'In progress'],
  ['awaiting_payment', 'Awaiting payment'], ['resolved', 'Resolved']];
const SORTS = [['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['-updated_at', 'Recently changed'],
  ['follow_up_by', 'Follow-up date'], ['-priority', 'Priority, high first'], ['number', 'Case number'],
  ['-total_outstanding', 'Outstanding, largest first'], ['total_outstanding', 'Outstanding, smallest first'],
  ['deadline', 'Deadline, soonest first']];
const FILTERS = ['payer_id', 'owner', 'subject', 'priority', 'carc_code', 'q', 'status', 'aging_bucket',
  'follow_up_before', 'deadline_before', 'overdue', 'payment_received', 'sort', 'limit'];

const columns = [
  { title: 'Case', cell: caseLink },
  { title: 'Payer', cell: (row) => row.payer.name },
  { title: 'Patient', cell: (row) => row.patient ? row.patient.name : '' },
  { title: 'Claims', cell: (row) => row.claim_numbers.join(', ') },
  { title: 'Subject', cell: (row) => row.subject },
  { title: 'CARCs', cell: (row) => row.carc_codes.join(' ') },
  { title: 'Owner', cell: (row) => ownerName(row.owner) },
  { title: 'Follow up by', cell: (row) => row.follow_up_by ? `${row.follow_up_by}${row.overdue ? ' (overdue)' : ''}` : '' },
  { title: 'Priority', cell: (row) => words(row.priority) },
  { title: 'Stage', cell: (row) => words(row.stage) },
  { title: 'Status', cell: (row) => words(row.status) + (row.payment_received ? ' · payment received' : '') },
  { title: 'Deadline', cell: (row) => row.deadline || '' },
  { title: 'Outstanding', cell: (row) => dollars(row.total_outstanding_cents), numeric: true },
  { title: 'Cost share', cell: (row) => dollars(row.total_cost_share_outstanding_cents), numeric: true },
];

/** Renders view `view` into `into`. */
export async function render(into, view) {
  const dir = await loadDirectory();
  const chosen = hashQuery();
  const counts = await get('/v1/views');
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Views' }, VIEWS.map(([name, title]) => {
    const count = counts.items.find((item) => item.view === name)?.count;
    return h('a', { href: `#/views/${name}`, 'aria-current': name === view ? 'page' : null, 'data-view': name },
      `${title} (${count ?? 0})`);
  }));
  const form = h('form', { class: 'filters', id: 'view-filters', 'aria-label': 'Filters and sort' },
    field('Search', h('input', { name: 'q', type: 'search', value: chosen.get('q') || '', placeholder: 'Number, claim, patient' })),
    field('Payer', select('payer_id', dir.payers.map((p) => [p.id, p.name]), chosen.get('payer_id'), 'All payers')),
    field('Owner', select('owner', ownerOptions(dir), chosen.get('owner'), 'Anyone')),
    field('Subject', select('subject', dir.subjects.map((s) => [s, s]), chosen.get('subject'), 'All subjects')),
    field('Priority', select('priority', [['high', 'High'], ['normal', 'Normal'], ['low', 'Low']], chosen.get('priority'), 'Any')),
    field('CARC', h('input', { name: 'carc_code', size: 8, value: chosen.get('carc_code') || '', placeholder: 'CO-16' })),
    field('Status', select('status', [['active', 'Active'], ['resolved', 'Resolved'], ['canceled', 'Canceled']], chosen.get('status'), 'Any')),
    field('Age', select('aging_bucket', [['0-30', '0–30 days'], ['31-60', '31–60'], ['61-90', '61–90'], ['91-120', '91–120'], ['120+', 'Over 120']],
      chosen.get('aging_bucket'), 'Any age')),
    field('Follow up before', h('input', { name: 'follow_up_before', type: 'date', value: chosen.get('follow_up_before') || '' })),
    field('Deadline before', h('input', { name: 'deadline_before', type: 'date', value: chosen.get('deadline_before') || '' })),
    field('Overdue only', h('input', { name: 'overdue', type: 'checkbox', checked: chosen.get('overdue') === 'true' }), 'inline'),
    field('Payment received', select('payment_received', [['true', 'Yes'], ['false', 'No']], chosen.get('payment_received'), 'Either')),
    field('Sort', select('sort', SORTS, chosen.get('sort') || '-created_at')),
    field('Rows', select('limit', [[25, '25'], [50, '50'], [100, '100'], [200, '200']], chosen.get('limit') || 50)),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', id: 'export-csv', hidden: dir.me.user.role === 'viewer' }, 'Export CSV'));
  const rows = h('div', { id: 'view-rows', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary', id: 'page-previous' }, 'Previous');
  const next = h('button', { type: 'button', class: 'secondary', id: 'page-next' }, 'Next');
  const where = h('span', { class: 'note' });
  replace(into, h('h1', {}, `Views: ${VIEWS.find(([name]) => name === view)?.[1] || view}`), tabs, form, rows,
    h('div', { class: 'pager' }, previous, next, where));

  let cursors = [null];
  let nextCursor = null;
  const params = () => {
    const values = formValues(form);
    return { view, ...Object.fromEntries(FILTERS.map((name) => [name, values[name]])) };
  };
  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    previous.disabled = next.disabled = true;
    const { view: _, ...shown } = params();
    if (into.isConnected) history.replaceState(null, '', `#/views/${view}${query(shown)}`);
    const cursor = cursors[cursors.length - 1];
    try {
      const page = await get(`/v1/cases${query({ ...params(), cursor })}`);
      if (mine !== latest) return;
      nextCursor = page.next_cursor;
      replace(rows, table(null, columns, page.items, { id: 'view-table', key: (row) => row.id }));
      where.textContent = `Page ${cursors.length}, ${page.items.length} rows`;
    } catch (error) {
      nextCursor = null;
      replace(rows, problemBox(error));
    }
    previous.disabled = cursors.length === 1;
    next.disabled = !nextCursor;
  };
  const restart = () => { cursors = [null]; load(); };
  form.addEventListener('submit', (event) => { event.preventDefault(); restart(); });
  form.addEventListener('change', restart);
  next.addEventListener('click', () => { if (nextCursor && !next.disabled) { cursors.push(nextCursor); load(); } });
  previous.addEventListener('click', () => { if (cursors.length > 1 && !previous.disabled) { cursors.pop(); load(); } });
  form.querySelector('#export-csv').addEventListener('click', () => exportCSV(params(), rows));
  await load();
}

/** Fetches every row of the view as CSV (with the token, so not a plain link) and saves it. */
async function exportCSV(params, rows) {
  const { limit: _, ...filters } = params;
  try {
    const answer = await call('GET', `/v1/cases${query(filters)}`, { accept: 'text/csv' });
    const blob = await answer.response.blob();
    const link = h('a', { href: URL.createObjectURL(blob), download: `cases-${params.view}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    rows.querySelector('.problem')?.remove();
    rows.prepend(problemBox(error instanceof Problem || !token.get() ? error : new Problem(0, { detail: String(error) })));
  }
}

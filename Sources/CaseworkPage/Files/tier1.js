// Tier 1: the caller's day — cases by priority, payer and status over a period, active cases,
// my resolved cases, my draft e-mails, my open activities by due date and appeals due — from
// GET /v1/dashboards/tier1, polled with If-None-Match.
import { barChart } from './bars.js';
import { dashboardSection, field, formValues, hashQuery, select } from './controls.js';
import { caseLink, dollars, h, ownerName, problemBox, table, when, words } from './format.js';

const POLL_SECONDS = 10;
const PERIODS = [['this_week', 'This week'], ['this_month', 'This month'], ['this_quarter', 'This quarter'],
  ['this_year', 'This year'], ['all', 'All time'], ['custom', 'From … to …']];

/** Renders the section into `into`; returns the function that stops its poll. */
export function render(into) {
  const chosen = hashQuery();
  const custom = chosen.has('from') || chosen.has('to');
  const form = h('form', { class: 'filters', id: 'tier1-filters', 'aria-label': 'Tier 1 period' },
    field('Period', select('period', PERIODS, custom ? 'custom' : chosen.get('period') || 'this_quarter')),
    field('From', h('input', { name: 'from', type: 'date', value: chosen.get('from') || '' })),
    field('To', h('input', { name: 'to', type: 'date', value: chosen.get('to') || '' })),
    field('Items per list', select('list_limit', [[5, '5'], [10, '10'], [25, '25'], [100, '100']], chosen.get('list_limit') || 10)),
    h('button', { type: 'submit' }, 'Apply'));
  return dashboardSection({
    into, title: 'Tier 1', form, section: 'tier1', endpoint: '/v1/dashboards/tier1', seconds: POLL_SECONDS,
    params: () => {
      const values = formValues(form);
      const isCustom = values.period === 'custom';
      form.elements.from.disabled = !isCustom;
      form.elements.to.disabled = !isCustom;
      // Both ends open is every day: the API's `all` (without any period it would take this quarter).
      return isCustom && (values.from || values.to)
        ? { from: values.from, to: values.to, list_limit: values.list_limit }
        : { period: isCustom ? 'all' : values.period, list_limit: values.list_limit };
    },
    draw, problem: problemBox,
  });
}

const caseColumns = [
  { title: 'Case', cell: caseLink },
  { title: 'Payer', cell: (row) => row.payer.name },
  { title: 'Subject', cell: (row) => row.subject },
  { title: 'Owner', cell: (row) => ownerName(row.owner) },
  { title: 'Follow up by', cell: (row) => row.follow_up_by ? `${row.follow_up_by}${row.overdue ? ' (overdue)' : ''}` : '' },
  { title: 'Priority', cell: (row) => words(row.priority) },
  { title: 'Stage', cell: (row) => words(row.stage) },
  { title: 'Outstanding', cell: (row) => dollars(row.total_outstanding_cents), numeric: true },
];

const activityColumns = [
  { title: 'Due', cell: (item) => item.kind === 'appointment' ? when(item.starts_at) : (item.due_on || 'No date') },
  { title: 'Kind', cell: (item) => words(item.kind) },
  { title: 'Subject', cell: (item) => item.subject },
  { title: 'Case', cell: (item) => h('a', { href: `#/cases/${encodeURIComponent(item.case_id)}` }, 'Open case') },
];

function draw(body) {
  const period = body.period;
  const span = period.from || period.to ? `${period.from || '…'} to ${period.to || '…'}` : 'all time';
  const counted = (title, rows, key, label, id) => h('section', { class: 'panel' },
    barChart(title, rows.map((row) => ({ label: label(row), value: row.count }))),
    table(null, [{ title: key, cell: label }, { title: 'Cases', cell: (row) => row.count, numeric: true }], rows,
      { id, key: (row) => row.payer ? row.payer.id : row.priority || row.status }));
  const list = (title, id, columns, list) => h('section', { class: 'panel' },
    table(`${title} (${list.total})`, columns, list.items, { id, key: (row) => row.id }),
    list.total > list.items.length ? h('p', { class: 'note' }, `Showing ${list.items.length} of ${list.total}.`) : null);
  const appeals = body.appeals_due;
  return [
    h('p', { class: 'note', id: 'tier1-period' }, `Cases created ${span}.`),
    h('dl', { class: 'cards', id: 'tier1-appeals' },
      h('div', {}, h('dt', {}, 'Appeals past due'), h('dd', {}, appeals.past_due)),
      h('div', {}, h('dt', {}, 'Due within 7 days'), h('dd', {}, appeals.due_within_7_days)),
      h('div', {}, h('dt', {}, 'Due within 30 days'), h('dd', {}, appeals.due_within_30_days))),
    h('div', { class: 'grid' },
      counted('Cases by priority', body.by_priority, 'Priority', (row) => words(row.priority), 'by-priority'),
      counted('Cases by payer', body.by_payer, 'Payer', (row) => row.payer.name, 'by-payer'),
      counted('Cases by status', body.by_status, 'Status', (row) => words(row.status), 'by-status')),
    list('Active cases', 'active-cases', caseColumns, body.active_cases),
    list('My resolved cases', 'my-resolved-cases', caseColumns, body.my_resolved_cases),
    list('My draft e-mails', 'my-draft-emails', [
      { title: 'Subject', cell: (item) => item.subject },
      { title: 'Written', cell: (item) => when(item.created_at) },
      { title: 'Case', cell: (item) => h('a', { href: `#/cases/${encodeURIComponent(item.case_id)}` }, 'Open case') },
    ], body.my_draft_emails),
    list('My open activities', 'my-open-activities', activityColumns, body.my_open_activities),
  ];
}

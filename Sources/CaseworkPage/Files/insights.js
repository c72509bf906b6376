// Case Insights: open cases by subject and by payer, outstanding by payer × subject, cases by
// status, the status counts and appeals due — with the filters and the owner / CARC drill-downs
// of GET /v1/dashboards/case-insights, polled with If-None-Match.
import { query } from './api.js';
import { barChart } from './bars.js';
import { dashboardSection, field, formValues, hashQuery, loadDirectory, ownerOptions, select } from './controls.js';
import { dollars, h, ownerName, problemBox, table, words } from './format.js';

const POLL_SECONDS = 10;
const FILTERS = ['payer_id', 'subject', 'owner', 'carc_code', 'created_after', 'created_before', 'drill_down'];

/** Renders the section into `into`; returns the function that stops its poll. */
export async function render(into) {
  const dir = await loadDirectory();
  const chosen = hashQuery();
  const form = h('form', { class: 'filters', id: 'insights-filters', 'aria-label': 'Case Insights filters' },
    field('Payer', select('payer_id', dir.payers.map((p) => [p.id, p.name]), chosen.get('payer_id'), 'All payers')),
    field('Subject', select('subject', dir.subjects.map((s) => [s, s]), chosen.get('subject'), 'All subjects')),
    field('Owner', select('owner', ownerOptions(dir), chosen.get('owner'), 'Anyone')),
    field('CARC', h('input', { name: 'carc_code', placeholder: 'CO-16', size: 8, value: chosen.get('carc_code') || '' })),
    field('Created on or after', h('input', { name: 'created_after', type: 'date', value: chosen.get('created_after') || '' })),
    field('Created before', h('input', { name: 'created_before', type: 'date', value: chosen.get('created_before') || '' })),
    field('Drill down by', select('drill_down', [['owner', 'Owner'], ['carc_code', 'CARC']], chosen.get('drill_down'), 'No drill-down')),
    h('button', { type: 'submit' }, 'Apply'));
  return dashboardSection({
    into, title: 'Case Insights', form, section: 'insights', endpoint: '/v1/dashboards/case-insights', seconds: POLL_SECONDS,
    params: () => {
      const values = formValues(form);
      return Object.fromEntries(FILTERS.map((name) => [name, values[name]]));
    },
    draw, problem: problemBox,
  });
}

/** The group column a drill-down adds, or none. */
function groupColumns(drill) {
  if (drill === 'owner') return [{ title: 'Owner', cell: (row) => ownerName(row.owner) }];
  if (drill === 'carc_code') return [{ title: 'CARC', cell: (row) => row.carc_code || 'No CARC' }];
  return [];
}

function groupKey(drill, row) {
  if (drill === 'owner') return row.owner ? `${row.owner.type}:${row.owner.id}|` : 'none|';
  if (drill === 'carc_code') return `${row.carc_code || 'none'}|`;
  return '';
}

function draw(body) {
  const drill = body.drill_down;
  const groups = groupColumns(drill);
  // A row links to the open view narrowed by the dashboard's filters (those the view has), its group and its key.
  const { payer_id, subject, owner, carc_code } = body.filters;
  const group = (row) => (drill === 'owner' && row.owner ? { owner: `${row.owner.type}:${row.owner.id}` }
    : drill === 'carc_code' && row.carc_code ? { carc_code: row.carc_code } : {});
  const viewLink = (row, params, text) =>
    h('a', { href: `#/views/open${query({ payer_id, subject, owner, carc_code, ...group(row), ...params })}` }, text);
  const statusCards = body.status_counts.map((row) => h('dl', { class: 'cards', 'data-id': groupKey(drill, row) || 'all' },
    groups.length ? h('div', {}, h('dt', {}, groups[0].title), h('dd', {}, groups[0].cell(row))) : null,
    card('In progress', row.in_progress, 'status-in-progress'),
    card('Resolved', row.resolved, 'status-resolved'),
    card('Canceled', row.canceled, 'status-canceled')));
  const appeals = body.appeals_due;
  const sections = [
    h('h2', {}, 'Status counts'), ...statusCards,
    h('h2', {}, 'Appeals due'),
    h('dl', { class: 'cards', id: 'appeals-due' },
      card('Past due', appeals.past_due, 'appeals-past-due'),
      card('Within 7 days', appeals.due_within_7_days, 'appeals-7'),
      card('Within 30 days', appeals.due_within_30_days, 'appeals-30')),
  ];
  const charts = drill ? [] : [
    barChart('Open cases by subject', body.open_by_subject.map((row) => ({ label: row.subject, value: row.count }))),
    barChart('Open cases by payer', body.open_by_payer.map((row) => ({ label: row.payer.name, value: row.count }))),
  ];
  const tables = [
    table('Open cases by subject', [...groups,
      { title: 'Subject', cell: (row) => viewLink(row, { subject: row.subject }, row.subject) },
      { title: 'Open cases', cell: (row) => row.count, numeric: true }],
    body.open_by_subject, { id: 'open-by-subject', key: (row) => groupKey(drill, row) + row.subject }),
    table('Open cases by payer', [...groups,
      { title: 'Payer', cell: (row) => viewLink(row, { payer_id: row.payer.id }, row.payer.name) },
      { title: 'Open cases', cell: (row) => row.count, numeric: true }],
    body.open_by_payer, { id: 'open-by-payer', key: (row) => groupKey(drill, row) + row.payer.id }),
    table('Outstanding by payer and subject', [...groups,
      { title: 'Payer', cell: (row) => row.payer.name },
      { title: 'Subject', cell: (row) => row.subject },
      { title: 'Outstanding', cell: (row) => dollars(row.outstanding_cents), numeric: true }],
    body.outstanding_by_payer_subject,
    { id: 'outstanding-by-payer-subject', key: (row) => `${groupKey(drill, row)}${row.payer.id}|${row.subject}` }),
    table('Cases by status', [...groups,
      { title: 'Status', cell: (row) => words(row.status) },
      { title: 'Cases', cell: (row) => row.count, numeric: true }],
    body.by_status, { id: 'by-status', key: (row) => groupKey(drill, row) + row.status }),
  ];
  return [...sections, h('div', { class: 'grid' }, ...charts.map(panel), ...tables.map(panel))];
}

function card(title, value, name) {
  return h('div', { 'data-figure': name }, h('dt', {}, title), h('dd', {}, value));
}

function panel(content) {
  return h('section', { class: 'panel' }, content);
}

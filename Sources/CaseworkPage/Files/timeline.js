// A case's timeline: newest first, a page at a time (GET /v1/cases/{id}/activities), and the
// forms that add to it — a note, a task, an e-mail draft or a phone call — plus completing or
// canceling open tasks and scheduled appointments (PATCH /v1/activities/{id}).
import { call, get, query } from './api.js';
import { field, formValues, select } from './controls.js';
import { h, replace, when, words } from './format.js';

const KINDS = [['note', 'Note'], ['task', 'Task'], ['email', 'E-mail draft'], ['phone_call', 'Phone call']];

/**
 * The timeline of `kase` with its add form (for those who can work cases, `hooks.canWork`).
 * `hooks.changed()` runs after the page added or changed an activity (the case's revision
 * moved); `hooks.report(error)` shows a problem.
 */
export function timeline(kase, dir, hooks) {
  const list = h('ol', { class: 'timeline', id: 'timeline' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'timeline-more', hidden: true }, 'Older entries');
  let cursor = null;
  const userName = (id) => dir.users.find((user) => user.id === id)?.name || 'Casework';

  const load = async () => {
    try {
      const page = await get(`/v1/cases/${encodeURIComponent(kase.id)}/activities${query({ limit: 50, cursor })}`);
      for (const item of page.items) list.append(entry(item));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (error) {
      hooks.report(error);
    }
  };
  const move = async (item, state) => {
    try {
      await call('PATCH', `/v1/activities/${encodeURIComponent(item.id)}`, { body: { state } });
      await hooks.changed();
    } catch (error) {
      hooks.report(error);
    }
  };
  const entry = (item) => {
    const open = (item.kind === 'task' && item.state === 'open') || (item.kind === 'appointment' && item.state === 'scheduled');
    return h('li', { 'data-id': item.id, 'data-kind': item.kind },
      h('span', { class: 'when' }, when(item.occurred_at || item.created_at)),
      h('span', { class: 'kind' }, words(item.kind)), h('strong', { class: 'subject' }, item.subject),
      item.state ? ` · ${words(item.state)}` : '', item.due_on ? ` · due ${item.due_on}` : '',
      item.starts_at ? ` · ${when(item.starts_at)}` : '', ` · ${userName(item.created_by)}`,
      item.body ? h('div', { class: 'body' }, item.body) : null,
      open && kase.status === 'active' && hooks.canWork ? h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => move(item, 'completed') }, 'Mark completed'),
        h('button', { type: 'button', class: 'secondary', onclick: () => move(item, 'canceled') }, 'Cancel it')) : null);
  };
  more.addEventListener('click', load);
  load();
  return h('div', {}, kase.status === 'active' && hooks.canWork ? addForm(kase, dir, hooks) : null, list, more);
}

function addForm(kase, dir, hooks) {
  const extra = h('div', { class: 'fields' });
  const kind = select('kind', KINDS, 'note');
  const form = h('form', { id: 'add-activity', 'aria-label': 'Add to the timeline' },
    h('div', { class: 'fields' },
      field('Kind', kind),
      field('Subject', h('input', { name: 'subject', id: 'activity-subject', required: true, maxlength: 300 }))),
    extra,
    field('Text', h('textarea', { name: 'body', id: 'activity-body' })),
    h('p', {}, h('button', { type: 'submit', id: 'add-activity-submit' }, 'Add to timeline')));
  const showExtra = () => {
    if (kind.value === 'task') {
      replace(extra,
        field('Due on', h('input', { name: 'due_on', type: 'date' })),
        field('Assignee', select('assignee_id', dir.users.filter((u) => u.role !== 'viewer').map((u) => [u.id, u.name]), '', 'Unassigned')));
    } else if (kind.value === 'phone_call') {
      replace(extra, field('Direction', select('direction', [['outbound', 'We called'], ['inbound', 'They called']], 'outbound')));
    } else {
      replace(extra);
    }
  };
  kind.addEventListener('change', showExtra);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const body = { kind: values.kind, subject: values.subject, body: form.elements.body.value };
    if (values.kind === 'task') {
      if (values.due_on) body.due_on = values.due_on;
      if (values.assignee_id) body.assignee_id = values.assignee_id;
    }
    if (values.kind === 'email') Object.assign(body, { direction: 'outbound', state: 'draft' });
    if (values.kind === 'phone_call') body.direction = values.direction;
    try {
      hooks.report(null);
      await call('POST', `/v1/cases/${encodeURIComponent(kase.id)}/activities`, { body });
      await hooks.changed();
    } catch (error) {
      hooks.report(error);
    }
  });
  return form;
}

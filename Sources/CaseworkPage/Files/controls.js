// Form controls the sections share, and the organization's directory they are filled from
// (payers, users, teams, subjects, the signed-in user), read once per sign-in.
import { Poll, get, getAll, query } from './api.js';
import { h, replace } from './format.js';

let directory = null;

/** `{me, payers, users, teams, subjects, categories}`; read on first use, kept until sign-out. */
export async function loadDirectory() {
  if (!directory) {
    directory = Promise.all([
      get('/v1/me'), getAll('/v1/payers?limit=200'), getAll('/v1/users?limit=200'),
      getAll('/v1/teams?limit=200'), getAll('/v1/subjects?limit=200'), getAll('/v1/denial-categories?limit=200', 5000),
    ]).then(([me, payers, users, teams, subjects, categories]) => ({ me, payers, users, teams, subjects, categories }))
      .catch((error) => { directory = null; throw error; });
  }
  return directory;
}

/** Forgets the directory (sign-out, or a different token). */
export function forgetDirectory() {
  directory = null;
}

/** The payer's name by id ('' when unknown). */
export function payerName(dir, id) {
  return dir.payers.find((payer) => payer.id === id)?.name || '';
}

/** A labelled control: `<label>Title <control></label>`. */
export function field(title, control, className) {
  return h('label', { class: className }, title, control);
}

/** A `<select>` of `[value, text]` options, with `selected` chosen; `blank` adds a first empty option. */
export function select(name, options, selected, blank) {
  return h('select', { name },
    blank !== undefined ? h('option', { value: '' }, blank) : null,
    options.map(([value, text]) => h('option', { value, selected: String(value) === String(selected ?? '') }, text)));
}

/** Options for owners: teams, then users who can work cases (billers and admins), as `team:<id>` / `user:<id>`. */
export function ownerOptions(dir) {
  return [
    ...dir.teams.map((team) => [`team:${team.id}`, `${team.name} (team)`]),
    ...dir.users.filter((user) => user.role !== 'viewer').map((user) => [`user:${user.id}`, user.name]),
  ];
}

/** `team:<id>` / `user:<id>` → `{type, id}`; '' → null. */
export function ownerInput(value) {
  if (!value) return null;
  const [type, ...rest] = value.split(':');
  return { type, id: rest.join(':') };
}

/** The values of a form's named controls, trimmed (checkboxes as true/false). */
export function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    values[element.name] = element.type === 'checkbox' ? element.checked : element.value.trim();
  }
  return values;
}

/** CARCs typed as "CO-16, OA-18" or "CO-16 OA-18" → ["CO-16", "OA-18"]. */
export function carcList(text) {
  return text.split(/[\s,]+/).map((code) => code.trim()).filter(Boolean);
}

/** Reads query parameters from the hash (`#/insights?payer_id=…`). */
export function hashQuery() {
  const hash = location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

/**
 * A dashboard section in `into`: its `title`, its filter `form` and the figures box (id
 * `<section>-figures`), with the form driving one Poll. On start, on submit and on any change it
 * reads the form (`params()` → query object), writes the query into the address
 * (`#/<section>?…`, replacing the history entry so Back leaves the section) and polls `endpoint`
 * with it every `seconds`, drawing each new body into the box with `draw(body)` (a list of
 * nodes); errors are shown there with `problem(error)`. Returns the function that stops the poll.
 */
export function dashboardSection({ into, title, form, section, endpoint, seconds, params, draw, problem }) {
  const figures = h('div', { id: `${section}-figures`, 'aria-live': 'polite' });
  replace(into, h('h1', {}, title), form, figures);
  let poll = null;
  const start = () => {
    if (poll) poll.stop();
    const search = query(params());
    if (into.isConnected) history.replaceState(null, '', `#/${section}${search}`);
    poll = new Poll(`${endpoint}${search}`, seconds, figures,
      (body) => figures.replaceChildren(...draw(body)), (error) => figures.replaceChildren(problem(error)));
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); start(); });
  form.addEventListener('change', start);
  start();
  return () => poll && poll.stop();
}

// Building the page: elements from plain values (text is always text, never parsed as HTML),
// money in dollars, dates as the API writes them, tables and problems.

/** An element: `attrs` become attributes (`on…` functions become listeners, `true` an empty attribute). */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in element) element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends values (nodes, text, nested arrays; null and false are skipped). */
export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Integer cents as US dollars: 123456 → "$1,234.56", -500 → "-$5.00". */
export function dollars(cents) {
  if (cents === null || cents === undefined) return '';
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100).toLocaleString('en-US');
  const part = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${sign}$${whole}.${part}`;
}

/** "2026-12-03T15:00:00Z" → "2026-12-03 15:00 UTC"; a day stays as it is; null → "". */
export function when(text) {
  if (!text) return '';
  return text.length > 10 ? `${text.slice(0, 10)} ${text.slice(11, 16)} UTC` : text;
}

/** "in_progress" → "In progress". */
export function words(text) {
  if (!text) return '';
  const spaced = String(text).replaceAll('_', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** An owner `{type, id, name}` as "Name (team)" / "Name"; null → "Unowned". */
export function ownerName(owner) {
  if (!owner) return 'Unowned';
  return owner.type === 'team' ? `${owner.name} (team)` : owner.name;
}

/**
 * A table: `columns` are `{title, cell(row) → text|node, numeric?}`; each row gets `data-id`
 * from `key(row)` when given. Empty → one row saying so.
 */
export function table(caption, columns, rows, { id, key } = {}) {
  const head = h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.title)));
  const body = rows.length
    ? rows.map((row) => h('tr', { 'data-id': key ? key(row) : null },
        columns.map((column) => h('td', { class: column.numeric ? 'num' : null }, column.cell(row)))))
    : [h('tr', {}, h('td', { colspan: columns.length, class: 'note' }, 'Nothing to show.'))];
  return h('table', { id }, caption ? h('caption', {}, caption) : null, h('thead', {}, head), h('tbody', {}, body));
}

/** A problem (see api.js Problem) as a box listing every error; other errors by their message. */
export function problemBox(error) {
  const items = (error.errors || []).map((item) =>
    h('li', {}, item.pointer || item.parameter ? `${item.pointer || item.parameter}: ` : '', item.detail || ''));
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, error.title || 'Something went wrong'), ' ', error.status ? `(${error.status}) ` : '',
    error.message && error.message !== error.title ? error.message : '',
    items.length ? h('ul', {}, items) : null);
}

/** Replaces the children of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/** A link to a case page. */
export function caseLink(row) {
  return h('a', { href: `#/cases/${encodeURIComponent(row.id)}` }, row.number);
}

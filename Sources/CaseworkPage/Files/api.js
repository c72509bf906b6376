// The API as the page sees it: every call carries the pasted bearer token; errors arrive as
// application/problem+json and become a Problem listing every error the server named.

const TOKEN_KEY = 'casework.token';

/** The bearer token, kept in sessionStorage: it lives as long as the tab, never in a cookie. */
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A non-2xx answer: status, the problem's title and detail, and its `errors` (each `{pointer|parameter, detail}`). */
export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.title = body?.title || `HTTP ${status}`;
    this.type = body?.type || '';
    this.body = body || {};
    this.errors = Array.isArray(body?.errors) ? body.errors : [];
  }
}

/**
 * One request. `body` (an object) is sent as JSON. Resolves to `{status, body, etag, response}`
 * for 2xx and 304; rejects with a Problem otherwise. A 401 forgets the token and tells the page.
 * The browser's own HTTP cache is bypassed: conditional requests are the caller's (see `Poll`).
 */
export async function call(method, path, { body, headers = {}, accept = 'application/json' } = {}) {
  const sent = { Accept: accept, ...headers };
  const current = token.get();
  if (current) sent.Authorization = `Bearer ${current}`;
  const init = { method, headers: sent, cache: 'no-store' };
  if (body !== undefined) {
    sent['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') || '';
  let parsed = null;
  if (response.status !== 304 && response.status !== 204 && type.includes('json')) parsed = await response.json();
  if (response.status === 401) {
    token.clear();
    window.dispatchEvent(new CustomEvent('casework:signed-out'));
  }
  if (!response.ok && response.status !== 304) throw new Problem(response.status, parsed);
  return { status: response.status, body: parsed, etag: response.headers.get('ETag'), response };
}

/** GET → the parsed body. */
export async function get(path) {
  return (await call('GET', path)).body;
}

/** Every item of a paged list (following `next_cursor`), at most `max` items. */
export async function getAll(path, max = 1000) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await get(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}

/** `?a=1&b=2` from an object, leaving out empty values; '' when nothing is left. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * A dashboard widget's poll: GET `path` now and every `seconds`, sending the last ETag in
 * If-None-Match; `render` runs with the body on the first answer and whenever it changed (a 304
 * renders nothing). `widget` shows the poll's state to whoever inspects the page: `data-etag`
 * (the figures shown) and `data-not-modified` (how many 304s confirmed them). `stop()` ends it;
 * so does leaving the page section (see main.js).
 */
export class Poll {
  constructor(path, seconds, widget, render, onError) {
    this.path = path;
    this.seconds = seconds;
    this.widget = widget;
    this.render = render;
    this.onError = onError;
    this.etag = null;
    this.timer = null;
    this.stopped = false;
    this.unchanged = 0;
    this.tick();
  }

  async tick() {
    if (this.stopped) return;
    try {
      const headers = this.etag ? { 'If-None-Match': this.etag } : {};
      const answer = await call('GET', this.path, { headers });
      if (this.stopped) return;
      if (answer.status === 304) {
        this.unchanged += 1;
      } else {
        this.etag = answer.etag;
        this.unchanged = 0;
        this.render(answer.body);
      }
      this.widget.dataset.etag = this.etag || '';
      this.widget.dataset.notModified = String(this.unchanged);
    } catch (error) {
      this.etag = null;
      if (error.status === 401) this.stop();
      if (!this.stopped && this.onError) this.onError(error);
    }
    if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.seconds * 1000);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

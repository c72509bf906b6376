// The page's frame: sign-in with a pasted bearer token, the navigation, and the hash routes
// (#/insights, #/tier1, #/views/<view>, #/cases/<id>, #/denied). Each section renders into
// a fresh container in <main> (a section still loading when the user moves on writes into its
// own detached container) and returns a function that stops its polls when the user leaves it.
import { get, token } from './api.js';
import { h, problemBox, replace } from './format.js';
import { forgetDirectory } from './controls.js';
import * as insights from './insights.js';
import * as tier1 from './tier1.js';
import * as views from './views.js';
import * as casePage from './case.js';
import * as denied from './denied.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');
let leave = null;
let generation = 0;

const routes = [
  [/^#\/insights$/, (into) => insights.render(into)],
  [/^#\/tier1$/, (into) => tier1.render(into)],
  [/^#\/views\/([a-z_]+)$/, (into, view) => views.render(into, view)],
  [/^#\/cases\/([^/?]+)$/, (into, id) => casePage.render(into, decoded(id))],
  [/^#\/denied$/, (into) => denied.render(into)],
];

/** A path segment decoded, or as it is when it is not valid percent-encoding (the API then says 404). */
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function showSignIn(message) {
  nav.hidden = true;
  signOutButton.hidden = true;
  who.textContent = '';
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true });
  const form = h('form', { class: 'sign-in panel', id: 'sign-in-form' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste your Casework API token (from ', h('code', {}, 'casework tokens create'),
      ' or ', h('code', {}, 'make run'), '). It is kept for this browser tab only.'),
    message ? h('div', { class: 'problem', role: 'alert' }, message) : null,
    h('label', { for: 'token' }, 'Bearer token'), input,
    h('p', {}, h('button', { type: 'submit', id: 'sign-in' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    token.set(input.value.trim());
    forgetDirectory();
    if (await signedIn()) route();
  });
  replace(main, form);
  input.focus();
}

async function signedIn() {
  if (!token.get()) return false;
  try {
    const me = await get('/v1/me');
    who.textContent = `${me.user.name} · ${me.user.role}`;
    nav.hidden = false;
    signOutButton.hidden = false;
    return true;
  } catch (error) {
    token.clear();
    showSignIn(error.status === 401 ? 'That token is not valid (or was revoked).' : error.message);
    return false;
  }
}

function route() {
  if (leave) leave();
  leave = null;
  const mine = ++generation;
  if (!token.get()) return showSignIn();
  const hash = location.hash.split('?')[0] || '#/insights';
  for (const [pattern, show] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    for (const link of nav.querySelectorAll('a')) {
      const section = link.getAttribute('href').split('/')[1];
      link.toggleAttribute('aria-current', hash.split('/')[1] === section);
      if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
    }
    const into = h('div', { class: 'section' });
    replace(main, into);
    Promise.resolve().then(() => show(into, ...match.slice(1)))
      .then((stop) => { if (mine === generation) leave = stop || null; else if (stop) stop(); })
      .catch((error) => replace(into, problemBox(error)));
    main.focus({ preventScroll: true });
    return;
  }
  location.hash = '#/insights';
}

signOutButton.addEventListener('click', () => {
  token.clear();
  forgetDirectory();
  if (leave) leave();
  leave = null;
  showSignIn('Signed out.');
});
window.addEventListener('casework:signed-out', () => {
  if (leave) leave();
  leave = null;
  generation += 1;
  if (!document.getElementById('sign-in-form')) showSignIn('Your session ended: the token is no longer accepted.');
});
// The skip link moves focus to the content; as a plain #main link it would change the route.
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);

if (await signedIn()) route();
else if (!token.get()) showSignIn();

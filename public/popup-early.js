/*
 * The popup's first script (a file: the extension's CSP forbids inline script), first in its
 * head, so it runs before anything can be painted or clicked. The HTML is rendered at build
 * time: once the "Log in" button is parsed, every control is there and enabled, and the popup
 * is marked ready. Until the module is live, a click on a button or a form submission (Enter,
 * or "Log in") is held; the module replays them once it has hydrated the page
 * (src/popup/main.tsx). Text typed into a field needs nothing: it is in the field. The module
 * itself is loaded after the first frame, so it never delays the first paint.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var early = { held: [], live: false };
  window.__popupEarly = early;
  function hold(event) {
    if (early.live) return;
    if (event.type === 'submit') {
      event.preventDefault();
      early.held.push({ kind: 'submit' });
      return;
    }
    var button = event.target && event.target.closest ? event.target.closest('button') : null;
    // A submit button's click becomes a 'submit' event, held above.
    if (!button || button.type === 'submit') return;
    event.preventDefault();
    event.stopPropagation();
    early.held.push({ kind: 'click', text: (button.textContent || '').trim() });
  }
  document.addEventListener('submit', hold, true);
  document.addEventListener('click', hold, true);
  // Ready the moment the parser has added the (enabled) "Log in" button.
  var marked = false;
  function ready() {
    if (marked || !document.querySelector('button.primary')) return;
    marked = true;
    performance.mark('popup-ready');
    observer.disconnect();
  }
  var observer = new MutationObserver(ready);
  observer.observe(document, { childList: true, subtree: true });

  // Room for as many saved identities as the last popup showed (src/popup/usePopup.ts writes
  // it), so the form below the list does not move when storage answers.
  try {
    var rows = localStorage.getItem('popup-rows') || '0';
    document.documentElement.style.setProperty('--rows', rows);
    // No rows: the "no saved identities" line takes its place in the flow instead.
    if (rows === '0') document.documentElement.setAttribute('data-no-rows', '');
  } catch (e) {
    // No storage: no room reserved.
  }

  var app = script && script.getAttribute('data-app');
  var loaded = false;
  function load() {
    if (loaded || !app) return;
    loaded = true;
    var module = document.createElement('script');
    module.type = 'module';
    module.src = app;
    document.head.appendChild(module);
  }
  // After the HTML and the first frame; a popup in a background tab gets no frames, so a timer too.
  document.addEventListener('DOMContentLoaded', function () {
    ready();
    requestAnimationFrame(load);
    setTimeout(load, 16);
  });
})();

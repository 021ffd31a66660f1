/*
 * The popup's first script (a file: the extension's CSP forbids inline script). Its HTML is
 * rendered at build time, so by the time this runs, at the end of the body, every control is
 * there and enabled: mark the popup ready. Until the module is live, hold a click on a button
 * or a form submission (Enter, or "Log in"); the module replays them once it has hydrated the
 * page (src/popup/main.tsx). Text typed into a field needs nothing: it is in the field. The
 * module itself is loaded after the first frame, so it never delays the first paint.
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
  performance.mark('popup-ready');

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
  // After the first frame; a popup in a background tab gets no frames, so a timer too.
  requestAnimationFrame(load);
  setTimeout(load, 16);
})();

/*
 * The popup's first script (a file: the extension's CSP forbids inline script), loaded async so
 * that neither parsing nor the first paint waits for it. The HTML is rendered at build time:
 * once parsed, every control is there and enabled. A click before any script ran is kept by
 * the HTML itself: the identity form submits into the popup's own hidden frame, and this
 * script reads the button from there (below). From here until the module is live, a click on
 * a button or a form submission is held, and the module replays them once it has hydrated the
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
      // Which button submitted it: "Log in", "Log out" and "Check login" are all submit buttons.
      early.held.push({ kind: 'submit', command: event.submitter ? event.submitter.value : '' });
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

  /*
   * A click before any script ran: the form submitted into the popup's own hidden frame, never
   * to the popup's address, which anyone may open (another extension's tabs.create needs no
   * permission) with nothing to tell who did (Chromium gives extension pages no referrer). Only
   * this page navigates its frame (docs/security.md). Taken once, from our page, loaded by a
   * navigation (not history bringing it back); the frame is then blanked.
   */
  var frame = document.querySelector('iframe[name="early-click"]');
  var taken = new WeakSet();
  function fromFrame() {
    var command;
    try {
      var view = frame.contentWindow;
      var doc = frame.contentDocument;
      if (!doc || taken.has(doc) || view.location.origin !== location.origin || view.location.pathname !== '/popup-click.html') return;
      taken.add(doc);
      var navigation = view.performance.getEntriesByType('navigation')[0];
      command = navigation && navigation.type === 'navigate' ? new URLSearchParams(view.location.search).get('command') : null;
      view.location.replace('about:blank');
    } catch (_) {
      return; // not ours to read: nothing was asked
    }
    if (command !== 'login' && command !== 'logout' && command !== 'check') return;
    // Earlier than anything held since this script ran: first in line.
    if (!early.live) return early.held.unshift({ kind: 'submit', command: command });
    var form = frame.closest('form');
    var button = form && form.querySelector('button[value="' + command + '"]');
    if (button) form.requestSubmit(button);
  }
  if (frame) {
    frame.addEventListener('load', fromFrame);
    fromFrame();
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
  // After the first frame; a popup in a background tab gets no frames, so a timer too.
  function soon() {
    requestAnimationFrame(load);
    setTimeout(load, 16);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', soon);
  else soon();
})();

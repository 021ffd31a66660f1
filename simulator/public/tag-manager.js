/*
 * A stand-in for a tag manager or consent banner: adds the Kustomer chat widget, and the site's
 * chat code after it, only later.
 *   index.html?widget=late     2.5 s after the page has loaded
 *   index.html?widget=consent  when the visitor clicks "Accept cookies" on the page's banner
 */
(function () {
  var self = document.currentScript;
  var delay = Number(self.getAttribute('data-delay-ms')) || 2500;
  var trigger = self.getAttribute('data-trigger');
  function add(src, attributes) {
    var script = document.createElement('script');
    script.src = src;
    script.async = false; // run in the order added: the loader first, then the site's code
    Object.keys(attributes).forEach(function (name) { script.setAttribute(name, attributes[name]); });
    document.head.appendChild(script);
  }
  function addWidget() {
    add(self.getAttribute('data-widget-src'), { 'data-kustomer-api-key': self.getAttribute('data-widget-key') });
    add('/app.js', {});
  }
  window.addEventListener('load', function () {
    var state = document.getElementById('sdk-state');
    if (trigger === 'consent') {
      state.textContent = 'no widget until cookies are accepted';
      var banner = document.createElement('div');
      banner.className = 'card';
      banner.setAttribute('role', 'region');
      banner.setAttribute('aria-label', 'Cookie consent');
      banner.innerHTML = '<p>This site uses cookies for its chat.</p><button type="button">Accept cookies</button>';
      banner.querySelector('button').addEventListener('click', function () {
        banner.remove();
        addWidget();
      });
      document.querySelector('main').prepend(banner);
      return;
    }
    state.textContent = 'no widget yet (a tag manager adds it ' + delay / 1000 + ' s after load)';
    setTimeout(addWidget, delay);
  });
})();

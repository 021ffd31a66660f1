/* The staging site's own code around Front Chat: shows who the widget's session names. */
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var label = function (customer) { return customer ? customer.userId || customer.email : 'anonymous'; };
  window.addEventListener('front-sim-changed', function (event) {
    var state = event.detail || {};
    $('widget-state').textContent = 'ready';
    $('chat-user').textContent = label(state.customer) + (state.previousCustomer ? ' (and ' + label(state.previousCustomer) + ')' : '');
    if (state.status) $('last-answer').textContent = 'HTTP ' + state.status + (state.message ? ': ' + state.message : '');
  });
})();

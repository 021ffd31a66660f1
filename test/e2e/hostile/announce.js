(function () {
  var b64url = function (text) {
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  var token = b64url('{"alg":"HS256","typ":"JWT"}') + '.' + b64url(JSON.stringify({ externalId: 'cust-forged-sig', iat: Math.floor(Date.now() / 1000) })) + '.AAAA';
  var announce = function () {
    if (document.getElementById('sdk-state').textContent !== 'ready') return setTimeout(announce, 20);
    window.Kustomer.login({ jwtToken: token }, function () {
      document.getElementById('announced').textContent = 'yes';
    });
  };
  announce();
})();

(function () {
  var forge = new URLSearchParams(location.search).get('forge');
  var huge = 'x'.repeat(5000000);
  Object.defineProperty(Object.prototype, 'then', {
    configurable: true,
    get: function () {
      // Only the extension's result objects (they carry "ok" and "command"); leave the rest alone.
      // (Not the forged object itself, or the chain of thenables would never end.)
      if (!this || typeof this !== 'object' || !('ok' in this) || !('command' in this) || this.forged) return undefined;
      if (this.command !== 'login') return undefined;
      if (forge === 'never') return function () {};
      var forged = {
        ok: true,
        forged: true,
        command: 'login',
        loggedIn: true,
        said: 'check',
        response: { identified: true, customerId: forge === 'huge' ? huge : 'cus_forged' },
        loggedOutPrevious: false,
        conversations: forge === 'null-items' ? { ok: true, items: null } : { ok: true, items: [] },
        ready: 'iframe',
      };
      return function (resolve) {
        resolve(JSON.parse(JSON.stringify(forged)));
      };
    },
  });
})();

// modelscout report: runs first. The page's Content-Security-Policy blocks every request; this counts what was
// blocked (data-blocked-requests on <html>, the last one in data-blocked-last) and every script error
// (data-script-errors), so that a test, or a reader with the developer tools, sees both.
(function () {
  'use strict';
  var root = document.documentElement;
  function bump(name) {
    root.setAttribute(name, String(Number(root.getAttribute(name) || 0) + 1));
  }
  document.addEventListener('securitypolicyviolation', function (e) {
    bump('data-blocked-requests');
    root.setAttribute('data-blocked-last', e.violatedDirective + ' ' + (e.blockedURI || ''));
  });
  window.addEventListener('error', function (e) {
    bump('data-script-errors');
    root.setAttribute('data-script-error-last', String(e.message || e));
  });
})();

/*
 * Loads Office.js for the default install package (webpack.config.js, OFFICE_JS_SOURCE=fallback):
 * from Microsoft's CDN first; when the CDN fails or does not answer within data-timeout
 * milliseconds, from the copy bundled in the add-in's own folder (office-js/office.js). Then it
 * starts the page's bundles (data-bundles), in order, so that they always find Office.js loaded.
 * Plain ES5 with no inline code: it runs in every webview Office uses, under the page's CSP.
 * window.__officeJsSource says which copy ran: "cdn", "local" or "none" (both failed).
 */
(function () {
  'use strict';
  var me = document.getElementById('office-loader');
  if (!me) return;
  var cdn = me.getAttribute('data-cdn') || '';
  var local = me.getAttribute('data-local') || '';
  var wait = Number(me.getAttribute('data-timeout')) || 5000;
  var bundles = (me.getAttribute('data-bundles') || '').split(' ');
  var head = document.getElementsByTagName('head')[0];
  var settled = false;
  var fellBack = false;
  var timer = null;
  var cdnScript = null;

  // Office.js: async, so that a CDN that never answers does not hold back the local copy (scripts
  // with async=false run in insertion order); the bundles: async=false, in their order.
  function add(src, onload, onerror, ordered) {
    var s = document.createElement('script');
    s.type = 'text/javascript';
    s.async = !ordered;
    if (onload) s.onload = onload;
    if (onerror) s.onerror = onerror;
    s.src = src;
    head.appendChild(s);
    return s;
  }

  function announce(source) {
    window.__officeJsSource = source;
    var event;
    try {
      event = new Event('officejs-loaded');
    } catch (e) {
      event = document.createEvent('Event');
      event.initEvent('officejs-loaded', false, false);
    }
    window.dispatchEvent(event);
  }

  function start(source) {
    if (settled) return;
    settled = true;
    announce(source);
    for (var i = 0; i < bundles.length; i++) if (bundles[i]) add(bundles[i], null, null, true);
  }

  function fallback() {
    if (settled || fellBack) return;
    fellBack = true;
    if (timer) clearTimeout(timer);
    // office.js finds its own folder from its <script> element: only the local one may remain.
    if (cdnScript && cdnScript.parentNode) cdnScript.parentNode.removeChild(cdnScript);
    if (!local) return start('none');
    add(
      local,
      function () {
        start('local');
      },
      function () {
        start('none');
      },
    );
  }

  if (!cdn) return fallback();
  timer = setTimeout(fallback, wait);
  cdnScript = add(
    cdn,
    function () {
      if (fellBack) return;
      if (timer) clearTimeout(timer);
      if (window.Office) start('cdn');
      else fallback();
    },
    fallback,
  );
})();

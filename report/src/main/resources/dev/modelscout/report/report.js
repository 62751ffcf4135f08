// modelscout report: draws every chart of the page with vega-embed (inlined above) and makes tables sortable.
// Each chart element gets data-rendered="true" when drawn ("error" and data-error when not) and data-marks,
// the number of items of each named mark ({"backbones": 12, ...}); <html> gets data-charts-done="true" when
// every chart has settled. Vega's expression interpreter is used (ast: true), so the page needs no eval.
(function () {
  'use strict';
  var root = document.documentElement;

  function countMarks(view) {
    var out = {};
    function walk(mark) {
      if (!mark || !mark.items) {
        return;
      }
      if (mark.name && mark.marktype !== 'group') {
        out[mark.name] = (out[mark.name] || 0) + mark.items.length;
      }
      if (mark.marktype === 'group') {
        mark.items.forEach(function (g) {
          (g.items || []).forEach(walk);
        });
      }
    }
    walk(view.scenegraph().root);
    return out;
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var pending = charts.length;
  function settled() {
    pending -= 1;
    if (pending <= 0) {
      root.setAttribute('data-charts-done', 'true');
    }
  }
  if (pending === 0) {
    root.setAttribute('data-charts-done', 'true');
  }
  charts.forEach(function (el) {
    var spec;
    try {
      spec = JSON.parse(document.getElementById(el.id + '-spec').textContent);
    } catch (e) {
      el.setAttribute('data-rendered', 'error');
      el.setAttribute('data-error', 'bad spec: ' + e);
      settled();
      return;
    }
    if (typeof vegaEmbed !== 'function') {
      el.setAttribute('data-rendered', 'error');
      el.setAttribute('data-error', 'the Vega runtime did not load');
      el.textContent = 'This chart cannot be drawn: the Vega runtime did not load.';
      settled();
      return;
    }
    vegaEmbed(el, spec, {
      mode: 'vega-lite',
      renderer: el.getAttribute('data-renderer') || 'svg',
      actions: false,
      ast: true,
      tooltip: { theme: 'light' }
    }).then(function (result) {
      el.setAttribute('data-marks', JSON.stringify(countMarks(result.view)));
      el.setAttribute('data-rendered', 'true');
    }).catch(function (err) {
      el.setAttribute('data-rendered', 'error');
      el.setAttribute('data-error', String(err && err.message ? err.message : err));
      el.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : err);
    }).then(settled);
  });

  // Sortable tables: click (or Enter on) a column header; a second click reverses. "#sort=KEY" or
  // "#sort=-KEY" in the address sorts on load (KEY: a header's data-key), so a sorted view can be linked.
  function cellKey(row, i, numeric) {
    var c = row.cells[i];
    if (!c) {
      return numeric ? NaN : '';
    }
    if (numeric) {
      var v = c.getAttribute('data-value');
      return v === null || v === '' ? NaN : Number(v);
    }
    return c.textContent.trim().toLowerCase();
  }
  function sortTable(table, th, descending) {
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-type') === 'number';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellKey(a, i, numeric);
      var y = cellKey(b, i, numeric);
      if (numeric) {
        if (isNaN(x) || isNaN(y)) {
          return isNaN(x) === isNaN(y) ? 0 : (isNaN(x) ? 1 : -1); // unknown values last either way
        }
        return descending ? y - x : x - y;
      }
      return descending ? y.localeCompare(x) : x.localeCompare(y);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.querySelectorAll('th'), function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    table.setAttribute('data-sorted-by', (descending ? '-' : '') + (th.getAttribute('data-key') || i));
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.title = 'sort by this column';
      function toggle() {
        var numeric = th.getAttribute('data-type') === 'number';
        var cur = th.getAttribute('aria-sort');
        // numbers first sort high to low, text A to Z
        sortTable(table, th, cur ? cur === 'ascending' : numeric);
      }
      th.addEventListener('click', toggle);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          toggle();
        }
      });
    });
  });
  var m = /(?:^#|&)sort=(-?)([^&]+)/.exec(location.hash);
  if (m) {
    var key = decodeURIComponent(m[2]);
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable th[data-key]'), function (th) {
      if (th.getAttribute('data-key') === key) {
        sortTable(th.closest('table'), th, m[1] === '-');
      }
    });
  }
  // Folded details (the recommender's settings) are opened for print, so the paper shows them.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details.fold'), function (d) {
      d.open = true;
    });
  });
})();

/* The explorer's graph: the server's updates applied to it, and its zoom after each (see below).
   Served from this server (CSP 'self'). */
var MAX_FIT_ZOOM = 1.4;  /* a small neighbourhood is not blown up past this */
/* The view jumps, never animates: each frame of an animation redraws every element on the browser's
   main thread (in software where there is no GPU), and the answers of the click's other callbacks
   (details panel, address) waited behind those frames. */

/* dash-cytoscape copies every element back into the page's `elements` property 100 ms after any add or
   remove (and re-runs the layout): each element serialised three times, the whole list diffed again, the
   focus script run twice. The copy keeps no classes and follows cytoscape's order, not the server's, so the
   server's next patch of classes (a click that only moves the focus) landed on the wrong elements. The server
   owns the elements here (positions included), so those listeners are taken off the graph as soon as
   dash-cytoscape has made it: it announces the graph as `window.cy` before binding them, hence the next tick. */
(function () {
  var made = null;
  Object.defineProperty(window, 'cy', {
    configurable: true,
    get: function () { return made; },
    set: function (cy) {
      made = cy;
      window.setTimeout(function () {
        var holder = document.getElementById('explorer-graph');
        if (cy && holder && holder._cyreg && holder._cyreg.cy === cy) { cy.off('add remove dragfree'); }
      }, 0);
    }
  });
})();

/* What the graph callback sends (the store `explorer-elements`) is applied here, to the drawn graph, in one batch:
   {elements: [...]}, the view whole: elements the view no longer holds go, new ones come, the others take the
   server's classes, data, position and lock where they differ; {classes: {id: classes}}: a click that only moved
   the focus. The graph component's own `elements` property stays empty: when it changed, dash-cytoscape
   deep-compared the old and new lists and measured every element's rendered box (restyling every element and
   every edge's path) in the page's render, before the graph was drawn, and react-cytoscapejs diffed them again. */
function changedData(el, data) {  /* the keys of `data` whose values differ from the element's (null: none) */
  var now = el.data();
  var out = null;
  Object.keys(data).forEach(function (k) {
    if (JSON.stringify(now[k]) !== JSON.stringify(data[k])) { out = out || {}; out[k] = data[k]; }
  });
  return out;
}

function applyUpdate(cy, update) {
  cy.batch(function () {
    if (update.classes) {
      Object.keys(update.classes).forEach(function (id) {
        var el = cy.getElementById(id);
        if (el.length) { el.classes(update.classes[id]); }
      });
      return;
    }
    var list = update.elements || [];
    var wanted = {};
    list.forEach(function (e) { wanted[e.data.id] = true; });
    cy.remove(cy.elements().filter(function (el) { return !wanted[el.id()]; }));
    var nodes = [];
    var edges = [];
    list.forEach(function (e) {
      var el = cy.getElementById(e.data.id);
      if (!el.length) {
        (e.data.source !== undefined ? edges : nodes).push(e);
        return;
      }
      var data = changedData(el, e.data);
      if (data) { el.data(data); }
      var classes = e.classes || '';
      if (el.classes().join(' ') !== classes.split(' ').filter(Boolean).join(' ')) { el.classes(classes); }
      if (el.isNode()) {
        if (e.position && (el.position('x') !== e.position.x || el.position('y') !== e.position.y)) {
          el.unlock();
          el.position(e.position);
        }
        if (e.locked && !el.locked()) { el.lock(); } else if (!e.locked && el.locked()) { el.unlock(); }
      }
    });
    if (nodes.length) { cy.add(nodes); }
    if (edges.length) { cy.add(edges); }
  });
}

/* The zoom: the path between two nodes when one is drawn, else the selected node and its neighbours (or the
   whole graph when nothing is selected). */
function zoomTo(cy, node) {
  var target = node ? cy.getElementById(node) : null;
  var path = cy.nodes('.path');
  cy.stop();
  var around = cy.elements();
  var pad = 30;
  if (path.length) {
    around = path;
    pad = 50;
  } else if (target && target.length) {
    around = target.closedNeighborhood();
    var wider = around.closedNeighborhood();
    if (wider.nodes().length <= 60) { around = wider; }
    pad = 50;
  }
  var box = around.boundingBox();
  if (!box || !isFinite(box.w) || box.w <= 0) { return; }
  var fit = Math.min((cy.width() - 2 * pad) / Math.max(box.w, 1), (cy.height() - 2 * pad) / Math.max(box.h, 1));
  var zoom = Math.max(cy.minZoom(), Math.min(MAX_FIT_ZOOM, fit));
  cy.zoom(zoom);
  cy.center(around);
}

/* A value handed on once the page has painted and the browser has nothing else to do: a callback whose request
   waits for this is sent after the browser has rendered and drawn what the last answers changed (a new page's
   layout, then the graph the page asked for with it), not meanwhile, when its answer, however fast the server, could
   only wait for the main thread. Used for what no one waits for (the address). The idle wait is bounded (a page
   that is never idle still gets its address within a second). */
var IDLE_WAIT_MS = 1000;
function whenIdle(value) {
  return new Promise(function (resolve) {
    window.requestAnimationFrame(function () {
      window.setTimeout(function () {
        if (window.requestIdleCallback) {
          window.requestIdleCallback(function () { resolve(value); }, {timeout: IDLE_WAIT_MS});
        } else {
          resolve(value);
        }
      }, 0);
    });
  });
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  page: {whenIdle: whenIdle},
  explorer: {
    draw: function (update, state) {
      var node = state && state.node ? state.node : null;
      if (!update) { return node || ''; }
      var tries = 0;
      (function apply() {
        var holder = document.getElementById('explorer-graph');
        if (!holder || !holder._cyreg || !holder._cyreg.cy) {
          if (tries++ < 100) { window.setTimeout(apply, 20); }  /* the graph is made with the page */
          return;
        }
        var cy = holder._cyreg.cy;
        applyUpdate(cy, update);
        zoomTo(cy, node);
      })();
      return node || '';
    }
  }
});

/* The explorer's zoom: after the graph redraws, fit the path between two nodes when one is drawn,
   else the selected node and its neighbours (or the whole graph when nothing is selected).
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

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  explorer: {
    focus: function (elements, state) {
      var node = state && state.node ? state.node : null;
      window.setTimeout(function () {
        var holder = document.getElementById('explorer-graph');
        if (!holder || !holder._cyreg || !holder._cyreg.cy) { return; }
        var cy = holder._cyreg.cy;
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
      }, 80);
      return node || '';
    }
  }
});

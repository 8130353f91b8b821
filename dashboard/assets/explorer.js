/* The explorer's zoom: after the graph redraws, fit the path between two nodes when one is drawn,
   else the selected node and its neighbours (or the whole graph when nothing is selected).
   Served from this server (CSP 'self'). */
var MAX_FIT_ZOOM = 1.4;  /* a small neighbourhood is not blown up past this */
/* The view jumps, never animates: each frame of an animation redraws every element on the browser's
   main thread (in software where there is no GPU), and the answers of the click's other callbacks
   (details panel, address) waited behind those frames. */

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

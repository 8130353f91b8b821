/* The explorer's zoom: after the graph redraws, fit the selected node and its neighbours
   (or the whole graph when nothing is selected). Served from this server (CSP 'self'). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  explorer: {
    focus: function (elements, state) {
      var node = state && state.node ? state.node : null;
      window.setTimeout(function () {
        var box = document.getElementById('explorer-graph');
        if (!box || !box._cyreg || !box._cyreg.cy) { return; }
        var cy = box._cyreg.cy;
        var target = node ? cy.getElementById(node) : null;
        cy.stop();
        if (target && target.length) {
          var around = target.closedNeighborhood();
          var wider = around.closedNeighborhood();
          if (wider.nodes().length <= 60) { around = wider; }
          cy.animate({fit: {eles: around, padding: 50}}, {duration: 250});
        } else {
          cy.fit(undefined, 30);
        }
      }, 80);
      return node || '';
    }
  }
});

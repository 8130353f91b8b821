"""The Dash explorer: graph, crisis tracer, timeline, Cypher console and exports.

Build it with :func:`dashboard.app.create_app` over any :class:`graph.store.GraphStore`;
``alliancekg serve`` (:mod:`alliancekg.cli.serve`) does so on 127.0.0.1:8050. See ``docs/dashboard.md``.
"""

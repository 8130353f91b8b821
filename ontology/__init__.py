"""The alliance ontology and linked data: OWL/SKOS/SHACL files, RDF export and import, SPARQL.

See ``docs/ontology.md``. Modules: :mod:`ontology.vocabulary` (RDF spellings and
file loaders), :mod:`ontology.rdf_export`, :mod:`ontology.rdf_import`,
:mod:`ontology.validate` (SHACL), :mod:`ontology.sparql`; the commands are in :mod:`alliancekg.cli.rdf`.
"""

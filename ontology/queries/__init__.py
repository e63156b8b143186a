# Makes the named SPARQL queries installable as the package data kgraph.ontology.queries.

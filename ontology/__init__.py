# Makes the ontology and lexicon data files installable as the package data kgraph.ontology.

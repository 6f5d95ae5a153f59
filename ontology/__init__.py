"""The pasb ontology (OWL), its SKOS vocabularies and SHACL shapes, shipped as data files."""

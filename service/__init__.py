"""The pasb-kg web service (Flask): SPARQL 1.1 Protocol, Graph Store, linked-data pages."""

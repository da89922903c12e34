"""Use cases that load a snapshot from the database, call a pure core and persist."""

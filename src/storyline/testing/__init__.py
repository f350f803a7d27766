"""Evaluation support for the tests and benches (synthetic corpora, scores): never imported by the
runtime stages (an import-linter contract keeps it so)."""

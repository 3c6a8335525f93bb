"""Shared basics every stage may use: errors, Dutch formatting, text rules, manifest, version."""

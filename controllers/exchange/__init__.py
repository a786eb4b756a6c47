"""Beside the tower: exchange packages between stations (schema, export, import, apply, deletions) and migrate-to a
server.
"""

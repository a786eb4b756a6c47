"""Beside the tower: the demo data generator."""

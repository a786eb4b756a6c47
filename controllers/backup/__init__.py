"""Beside the tower: backups, restore and the rota."""

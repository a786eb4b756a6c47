"""Beside the tower: sign-in accounts, the audit log's viewer and its Chinese labels."""

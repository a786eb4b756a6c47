"""督办单 (supervision orders): issue, answer, close, list, and the A4 notice (issue 20)."""

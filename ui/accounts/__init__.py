"""Sign-in, first-start administrator, idle lock, account management and the audit log viewer."""

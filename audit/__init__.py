"""The audit log: staff actions that matter, who did them, when, on what, from which address."""

"""craftkit-admin: operator commands for account keys and project keys."""

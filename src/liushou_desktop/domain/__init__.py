"""Pure rules and value types. No database, no Qt."""

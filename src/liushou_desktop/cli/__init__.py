"""The ``liushou`` command: thin over the services, JSON out, exit codes (0 ok, 2 bad input)."""

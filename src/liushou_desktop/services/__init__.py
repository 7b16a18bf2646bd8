"""Use cases. They own their transactions and return plain dataclasses, never ORM objects."""

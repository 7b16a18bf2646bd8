"""Op log stamps, the hybrid logical clock, and (later) bundles and merge. No Qt."""

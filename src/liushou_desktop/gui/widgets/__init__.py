"""Small reusable widgets and the application's look."""

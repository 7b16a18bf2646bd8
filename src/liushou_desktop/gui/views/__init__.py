"""Pages of the main window, one class each, built in code."""

"""Writers of the web family."""

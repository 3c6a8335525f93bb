"""Writers of the word family."""

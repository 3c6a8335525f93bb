"""Writers of the tekst family."""

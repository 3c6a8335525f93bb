"""Writers of the pdf family."""

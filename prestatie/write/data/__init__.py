"""Writers of the data family."""

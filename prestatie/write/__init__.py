"""Write: the tree → bytes per format (one registry, one writer module per format), and the
output stage that alone touches the output folder."""

"""prestatie: prestatieafspraken from YAML to the signed agreement, press release and progress reports."""

__version__ = "0.1.0"

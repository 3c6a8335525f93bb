"""``python -m prestatie`` runs the command line."""

from .cli import main

main(prog_name="prestatie")

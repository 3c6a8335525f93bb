"""``python -m prestatie`` runs the command line."""

import signal

# While the command line loads, Ctrl-C ends the process quietly (as SIGTERM does) instead of
# printing a traceback from the middle of an import; then Ctrl-C is Python's again.
signal.signal(signal.SIGINT, signal.SIG_DFL)

from .cli import main  # noqa: E402

signal.signal(signal.SIGINT, signal.default_int_handler)
main(prog_name="prestatie")

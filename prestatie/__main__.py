"""``python -m prestatie`` runs the command line."""

import signal

# Until the command line is loaded, Ctrl-C ends the process quietly (as SIGTERM does) instead
# of printing a traceback from the middle of an import; a command then handles both itself.
signal.signal(signal.SIGINT, signal.SIG_DFL)

from .cli import main  # noqa: E402

main(prog_name="prestatie")

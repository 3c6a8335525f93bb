"""``python -m prestatie`` and the ``prestatie`` command (``start``).

Loading the command line takes a few hundred milliseconds of imports. A Ctrl-C or SIGTERM in
that time ends the process with one Dutch line and the exit code of the signal (130, 143),
never a traceback from the middle of an import; nothing has been read or written yet. Once
the command line has loaded, Ctrl-C is Python's again and each command answers signals
itself (``clitaal.stop_bij_signaal``). Only the interpreter's own start, before this file's
first line runs, is beyond reach.
"""

import os
import signal


def _tijdens_opstarten(signum: int, _frame: object) -> None:
    hoe = "met Ctrl-C" if signum == signal.SIGINT else f"door signaal {signal.Signals(signum).name}"
    try:
        os.write(2, f"prestatie onderbroken {hoe} tijdens het opstarten; er is niets gedaan.\n".encode())
    except OSError:  # no stderr left: the exit code still tells
        pass
    os._exit(128 + signum)


signal.signal(signal.SIGINT, _tijdens_opstarten)
signal.signal(signal.SIGTERM, _tijdens_opstarten)

from .cli import main  # noqa: E402

signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)


def start() -> None:
    """The ``prestatie`` command (``[project.scripts]``)."""
    main(prog_name="prestatie")


if __name__ == "__main__":
    start()

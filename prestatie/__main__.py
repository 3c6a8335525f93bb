"""``python -m prestatie`` and the ``prestatie`` command (``start``).

Loading the command line takes a few hundred milliseconds of imports. A Ctrl-C or SIGTERM in
that time ends the process with one Dutch line and the exit code of the signal (130, 143),
never a traceback from the middle of an import; nothing has been read or written yet. Once
a command starts, ``clitaal.Groep`` answers signals (build and check in their own words,
``clitaal.stop_bij_signaal``). Only the interpreter's own start, before this file's first
line runs, is beyond reach.
"""

import os
import signal
import sys


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

_SIGNAAL_CODES = (128 + signal.SIGINT, 128 + signal.SIGTERM)


def start() -> None:
    """The ``prestatie`` command (``[project.scripts]``). An interrupted command has said so
    and cleaned up; it leaves at once, without waiting for threads a stopped worker pool may
    leave behind at interpreter exit."""
    try:
        main(prog_name="prestatie")
    except SystemExit as e:
        if e.code in _SIGNAAL_CODES:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            os._exit(int(e.code))
        raise


if __name__ == "__main__":
    start()

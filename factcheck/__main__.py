"""The `factcheck` command, and `python -m factcheck`."""

import gc
import os
import signal
import sys


def main() -> None:
    """Run the command line; Ctrl-C, even while it is still being imported, is one line and 130."""
    # The cyclic collector is off from the start, as the command turns it off for its own work
    # (cli.py says why): importing makes a great many objects and next to no garbage cycles, and
    # collections during the imports cost 6 ms of every run. The process ends with os._exit.
    gc.disable()
    signal.signal(signal.SIGTERM, _terminate)
    try:
        from .cli import main as run  # Ctrl-C may come during these imports too
        from .run import commands

        commands.LEFT_FOR_EXIT = []  # this process ends with os._exit, which drops a run's large objects at once
        code = run()
    except KeyboardInterrupt:
        code = 130
    if _terminated:
        code = TERMINATED
        sys.stderr.write("factcheck: terminated\n")
    elif code == 130:
        sys.stderr.write("\nfactcheck: interrupted\n")
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that has gone away (`| head`) wants nothing more
            pass
    # Not sys.exit, for two reasons. Once a KeyboardInterrupt has passed through exec() (as
    # dataclasses do while being imported), CPython ends a `python -m` run by SIGINT, whatever
    # code it is given. And freeing a large project object by object takes longer than a
    # re-check's work. Every file was already completed, or removed, by the code that wrote it.
    os._exit(code)


TERMINATED = 128 + signal.SIGTERM  # as a shell reports a process SIGTERM ended
_terminated = False


def _terminate(signum, frame) -> None:
    """SIGTERM (a CI job cancelled) ends a run as Ctrl-C does: workers stopped, no output file
    left half-written, one line said; the exit code is the shell's for SIGTERM."""
    global _terminated
    _terminated = True
    raise KeyboardInterrupt


if __name__ == "__main__":
    main()

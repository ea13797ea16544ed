"""The `factcheck` command, and `python -m factcheck`."""

import gc
import os
import sys


def main() -> None:
    """Run the command line; Ctrl-C, even while it is still being imported, is one line and 130."""
    # The cyclic collector is off from the start, as the command turns it off for its own work
    # (cli.py says why): importing makes a great many objects and next to no garbage cycles, and
    # collections during the imports cost 6 ms of every run. The process ends with os._exit.
    gc.disable()
    try:
        from .cli import main as run  # Ctrl-C may come during these imports too

        code = run()
    except KeyboardInterrupt:
        code = 130
    if code == 130:
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


if __name__ == "__main__":
    main()

"""The `factcheck` command, and `python -m factcheck`."""

import os
import sys


def main() -> None:
    """Run the command line; Ctrl-C, even while it is still being imported, is one line and 130."""
    try:
        from .cli import main as run  # Ctrl-C may come during these imports too

        code = run()
    except KeyboardInterrupt:
        code = 130
    if code != 130:
        sys.exit(code)
    sys.stderr.write("\nfactcheck: interrupted\n")
    sys.stderr.flush()
    # Not sys.exit: once a KeyboardInterrupt has passed through exec() (dataclasses run exec
    # while being imported), CPython ends a `python -m` run by SIGINT, whatever code it is given.
    # Every output file was already removed or completed by the code the interrupt unwound.
    os._exit(130)


if __name__ == "__main__":
    main()

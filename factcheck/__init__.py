"""factcheck: who said what, and what agrees.

The library behind the command line::

    from factcheck import load_project, check
    report = check(load_project("claims", "sources"))
"""

from importlib import import_module

__all__ = ["check", "load_project", "only_event", "InputError"]

# The name the package index knows us by ("factcheck" there is another project): version
# lookups and install hints use it.
DISTRIBUTION = "factcheck-desk"
_HOMES = {"check": ".run.pipeline", "only_event": ".run.pipeline", "load_project": ".loading.project",
          "InputError": ".model"}


def __getattr__(name: str):
    # Imported when first used, so that the command's entry point (__main__.py) starts with
    # nothing imported yet and can catch a Ctrl-C that comes during the imports.
    if name in _HOMES:
        return getattr(import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")

"""factcheck: who said what, and what agrees.

The library behind the command line::

    from factcheck import load_project, check
    report = check(load_project("claims", "sources"))
"""

from .check import check, only_event
from .load import load_project
from .model import InputError

__all__ = ["check", "load_project", "only_event", "InputError"]

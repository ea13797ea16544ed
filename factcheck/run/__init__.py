"""Running a command: a project loaded, checked in parts with the cache, and rendered."""

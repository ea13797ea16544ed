"""The store of parsed claims files: packed rows, their stamps, the cache, the worker processes that fill it."""

"""Storage: one TinyDB file, changed only in locked, atomic transactions."""

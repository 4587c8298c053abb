"""Edit conflicts: two archivists never overwrite each other silently.

Every admin change form carries the state it was opened at (`state`). Saving on top of a
newer state is refused, nothing is written, and the archivist is shown what changed since,
field by field and row by row, with a way to save their own changes onto the current
version (`conflicts`, `admin`).
"""

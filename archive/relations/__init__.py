"""Typed, directed links between documents: the vocabulary, its standards, and the
importer's suggestions that an archivist confirms or rejects."""

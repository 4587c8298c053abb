"""Re-importing a record is a three-way merge of what was last imported, the file and the archive.

The importer keeps, for each record, the exchange object it last imported (the base,
models.ImportBase). When the record is imported again, merge.py compares the base,
the new file and the document as it stands, field by field, source by source, credit
by credit, role by role and passage by passage: what only the file changed is
applied, what only an archivist changed is kept, and where both changed the archive's
value stays and the file's is recorded as an import conflict (models.ImportConflict),
which a curator accepts or dismisses in the admin (resolve.py, admin.py).
"""

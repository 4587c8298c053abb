"""Pages kept on disk: every public page of a document, a person or the browse list,
rendered once and served from a file until what it shows changes.

The page cache (archive.caching) keeps pages in each process's memory, so a page asked
for rarely (most of a large archive's pages) was rendered again on nearly every visit.
The store keeps them in files this server's processes share, under the same version as
the cache, and `manage.py render_pages` renders ahead every page a visitor can reach
by following links, so the long tail is served as the hot pages are. A page whose
version has moved on is never served: the next visit renders it and keeps the new one.
"""

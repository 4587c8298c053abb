"""The archive in the formats other tools read: citations, exports, TEI, OAI-PMH, IIIF.

Each module turns documents into one format; views.py and the exports serve them.
"""

"""The facsimile: a document read page by page, the page image beside its two texts."""

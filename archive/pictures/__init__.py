"""Pictures drawn on the server as inline SVG: a timeline of documents, a network of letters.

Python computes every coordinate; templates write the SVG, so that every word in it is
escaped and translatable like the rest of the page. No script draws anything.
"""

from .network import person_network

__all__ = ["person_network"]

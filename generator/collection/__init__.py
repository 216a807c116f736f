"""Phase two, across the whole collection: the briefings read once, and what is computed from
all of them together (related briefings, entities, the timeline, the review queue).

The site build (``generator.site``) shows what this package computes; nothing here knows of
MkDocs or of the pages' markup.
"""

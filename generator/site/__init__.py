"""Phase two: the bilingual static site (MkDocs plugin, page rendering, the two-language build).

What the pages show of the whole collection is computed in ``generator.collection``."""

"""Phase two: the bilingual static site (MkDocs plugin, page rendering, the two-language build)."""

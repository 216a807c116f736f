"""Arabic news briefings: raw articles in, a bilingual (Arabic/English) static site out."""

__version__ = "0.1.0"

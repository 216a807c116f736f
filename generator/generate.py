"""``briefings generate``: analyse every article and write one briefing page per story.

The run is phase one (``generator.pipeline``, each article on its own) inside phase two, the
publication (``generator.publish.PUBLISH_STEPS``, the whole set). A page regenerated after an
editor changed it is a three-way merge (:mod:`generator.merge`) against its merge base,
``generated/base/<slug>.yml`` (:mod:`generator.merge_base`). Keys both sides changed are
listed in ``generated/conflicts.yml`` (:mod:`generator.conflicts`).
"""

from __future__ import annotations

from .context import Context
from .errors import ConfigError
from .publish import Progress, Publication, Summary, publish
from .translate.service import open_translator

__all__ = ["Summary", "generate"]


def generate(
    ctx: Context,
    *,
    force: bool = False,
    translator_choice: str | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Analyse new and changed articles, write their pages (merged with editors' changes), and
    bring every page's English up to date from the translation memory and engines."""
    if not ctx.articles_dir.is_dir():
        raise ConfigError(f"no articles folder at {ctx.articles_dir}")
    translator = open_translator(
        ctx.root, ctx.config.translation, ctx.today.isoformat(), choice=translator_choice
    )
    return publish(Publication(translator, force=force, progress=progress), ctx)

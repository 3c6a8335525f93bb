"""Plain language: ``check`` reports per press release and per progress summary how its
sentences and words compare with taalniveau B1, as information (see parse/leesbaarheid.py)."""

from __future__ import annotations

from ..core.errors import Plaats, PrestatieFout, Rapport
from ..model import Dossier
from ..parse import parse
from ..parse.leesbaarheid import meet
from ..plan import plan
from .bouw import Bouw


def taalniveau(dossier: Dossier, bouw: Bouw, rapport: Rapport) -> None:
    """Information about the press release (as rendered) and each year's summary (as written)."""
    if dossier.persbericht is not None:
        where = dossier.persbericht.waar() or Plaats(f"{dossier.map}/persbericht.yaml")
        doc = next(d for d in plan(dossier, bouw.info) if d.soort == "persbericht")
        try:
            _, tree = bouw.boom(dossier, doc)
        except PrestatieFout:  # already reported by the length check
            tree = None
        if tree is not None:
            m = meet(tree)
            rapport.informatie(where, m.bericht("persbericht"), {"document": "persbericht", **m.cijfers()})
    for jaar, v in sorted(dossier.voortgang.items()):
        if not v.samenvatting:
            continue
        where = v.waar("samenvatting") or Plaats(f"{dossier.map}/voortgang/{jaar}.yaml")
        m = meet(parse(v.samenvatting))
        rapport.informatie(where, m.bericht(f"samenvatting {jaar}"),
                           {"document": f"voortgang-{jaar}", **m.cijfers()})

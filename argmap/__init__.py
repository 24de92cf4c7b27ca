"""argmap: map the argument of an article as an editable graph.

The core library: the model (:class:`ArgumentMap`), file formats, layout, export and
analysis. It never imports Qt; the desktop application lives in the ``desktop`` package.

>>> from argmap import ArgumentMap
>>> m = ArgumentMap(title="Demo")
>>> t = m.add_claim("Russia will not join the coalition.", id="t")
>>> m.update_map(thesis="t")
>>> r = m.add_claim("The West sanctions Russia over Ukraine.", id="r", tags=("ukraine",))
>>> m.connect(["r"], "t", "support").id
'r1'
>>> m.role("r").value
'reason'
"""

from argmap.errors import ArgmapError, MapFileError, Problem
from argmap.model import Anchor, ArgumentMap, Article, Claim, Relation, RelationKind, Role

__version__ = "0.1.0"

__all__ = [
    "Anchor",
    "ArgmapError",
    "ArgumentMap",
    "Article",
    "Claim",
    "MapFileError",
    "Problem",
    "Relation",
    "RelationKind",
    "Role",
    "__version__",
]

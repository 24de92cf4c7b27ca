"""Analysis of maps: which claims stand (Dung semantics), gaps, the debate brief, themes.

Everything here is pure: functions take a map (or an abstract framework) and return plain
data, so the CLI, the desktop app and tests share one implementation.
"""

from argmap.analysis.acceptability import (
    SEMANTICS,
    Evaluation,
    Explanation,
    Semantics,
    build_framework,
    describe,
    evaluate,
    explain,
    explain_all,
)
from argmap.analysis.dung import (
    Framework,
    Label,
    grounded_labels,
    preferred_extensions,
    sceptical_labels,
    stable_extensions,
)

__all__ = [
    "SEMANTICS",
    "Evaluation",
    "Explanation",
    "Framework",
    "Label",
    "Semantics",
    "build_framework",
    "describe",
    "evaluate",
    "explain",
    "explain_all",
    "grounded_labels",
    "preferred_extensions",
    "sceptical_labels",
    "stable_extensions",
]

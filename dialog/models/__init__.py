from dialog.models.answers import Answer, Milestone
from dialog.models.choices import ProblemLevel, ProblemStatus, Routing
from dialog.models.directions import DirectionSettings, ExpertDirection, ExtraQuestion
from dialog.models.history import InternalNote, TransitionLog
from dialog.models.problems import Attachment, Citation, Coauthor, Problem
from dialog.models.search import ProblemSearchVector
from dialog.models.supports import Cluster, Support

__all__ = [
    "Answer",
    "Attachment",
    "Citation",
    "Cluster",
    "Coauthor",
    "DirectionSettings",
    "ExpertDirection",
    "ExtraQuestion",
    "InternalNote",
    "Milestone",
    "Problem",
    "ProblemSearchVector",
    "ProblemLevel",
    "ProblemStatus",
    "Routing",
    "Support",
    "TransitionLog",
]

from dialog.forms.actions import (
    ActionForm,
    AnswerForm,
    MergeForm,
    MilestoneForm,
    NoteForm,
    RatingForm,
    ReassignForm,
    ReviewForm,
)
from dialog.forms.base import COMMENT_MAX, REJECTION_REASONS, reasoned_comment
from dialog.forms.moderating import (
    BULK_ACTIONS,
    BulkForm,
    ClusterEditForm,
    ClusterProblemForm,
    SplitForm,
)
from dialog.forms.problems import ProblemForm

__all__ = [
    "BULK_ACTIONS",
    "COMMENT_MAX",
    "REJECTION_REASONS",
    "ActionForm",
    "AnswerForm",
    "BulkForm",
    "ClusterEditForm",
    "ClusterProblemForm",
    "MergeForm",
    "MilestoneForm",
    "NoteForm",
    "ProblemForm",
    "RatingForm",
    "ReassignForm",
    "ReviewForm",
    "SplitForm",
    "reasoned_comment",
]

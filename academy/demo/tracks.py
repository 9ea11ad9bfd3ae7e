"""Demo tracks, courses and lessons of the academy, written for this portal.

A track is (slug, title, summary, courses); a course is (slug, title, summary, level, format,
hours, enrolment mode, audience, lessons, questions); a lesson is (module, title, text); a
question is (kind, prompt, choices or accepted answers).
"""

from academy.demo.track_ai import AI, MAYORS
from academy.demo.track_data import DATA
from academy.demo.track_digital import DIGITAL

TRACKS = [DIGITAL, DATA, AI]
__all__ = ["MAYORS", "TRACKS"]

"""The self-assessment's chart definitions, shared by the report and the screens.

The report draws them with its renderers; the assessment screen paints the very same
definition with Qt (`app/ui/assessments/radar_chart.py`), so the two cannot disagree.
"""

from __future__ import annotations

from app.assessments.frameworks import Framework
from app.assessments.scoring import Scores, max_score
from app.reports.model.report import Chart, ChartKind, Series

ROUNDS = ", this round and the previous one"


def section_radar(framework: Framework, scores: Scores, previous: Scores | None,
                  current_name: str, previous_name: str, *, pair: str = ROUNDS) -> Chart:
    """Each top-level section's score, one spoke each; with `previous`, an earlier round
    (or another respondent group: say so in `pair`) as a second strand drawn first."""
    tops = scores.top_sections
    series = [Series(current_name, tuple(s.score.value or 0.0 for s in tops))]
    if previous is not None:
        earlier = {s.key: s.score.value for s in previous.top_sections}
        series.insert(0, Series(previous_name, tuple(earlier.get(s.key) or 0.0 for s in tops)))
    top = max_score(framework)
    return Chart(
        ChartKind.RADAR, "Scores by section", tuple(s.key for s in tops), tuple(series),
        alt_text=f"Score of each top-level section on a scale of 0 to {top:g}"
                 + (pair if previous is not None else "")
                 + ". The same figures are in the table above; sections with no score are "
                   "drawn at the centre.",
        value_max=top,
    )

"""Change topics of the representation module (light: the first paint imports this)."""

AUDITS = "audits"
BASELINES = "baselines"
QUESTIONNAIRE = "representation_questionnaire"

"""Change topics of the plans module (light: the first paint imports this)."""

ACTIONS = "actions"
APPRAISALS = "appraisals"

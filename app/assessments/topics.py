"""Change topics of the assessments module (light: the first paint imports this)."""

ASSESSMENTS = "assessments"

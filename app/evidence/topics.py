"""Change topics of the evidence module (light: the first paint imports this)."""

EVIDENCE = "evidence"

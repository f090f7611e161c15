"""Change topics of the proofing module (light: the first paint imports this)."""

PROOF_RECORDS = "proof_records"
PROOF_SCHEMES = "proof_schemes"
PROOF_RULES = "proof_rules"  # the allow-list and the workbook's own rule files

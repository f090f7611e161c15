"""Screens of the representation module: audits, baselines and the questionnaire."""

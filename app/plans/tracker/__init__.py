"""The Excel action tracker: exported for people to fill in offline, then merged back."""

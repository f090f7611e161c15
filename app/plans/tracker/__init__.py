"""The Excel tracker: the action plan as a spreadsheet people fill in offline, and the
lossless re-import of what they changed (a preview first, then one undoable step)."""

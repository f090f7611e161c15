"""Options appraisal: a question, its options with strengths and weaknesses, and each
participant's priority ranking, justification and suggested lead agency, aggregated into a
recommended option (Borda count, mean rank, Kendall's W)."""

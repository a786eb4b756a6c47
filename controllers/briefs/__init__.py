"""Floor 6: the case brief and the work brief (data, sections, charts) as PDF."""

"""Floor 4: cases (案件): the state machine, records, workflow, the read side, the case book, export, referrals,
statistics.
"""

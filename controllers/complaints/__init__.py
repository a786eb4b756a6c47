"""Floor 4: complaints (诉件): entry, the complaint log, repeats, the 12345 import, per 10,000."""

"""A year of holidays entered in one go, with every open deadline it moves recomputed in the same transaction.

Above cases and complaints (whose dates it moves) and reference (whose calendar it writes)."""

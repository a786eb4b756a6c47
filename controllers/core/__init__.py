"""Floor 1 of the controllers: what every use case stands on (the app's context, errors, permissions, the clock)."""

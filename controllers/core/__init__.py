"""Floor 1 of the controllers: what every use case stands on (the app's context and data-directory paths, errors,
permissions, the audit hook, the clock, privacy, periods, working days, normalised text). Imports no other package.
"""

"""What every screen area shares: background work, data-change events, feedback, list pages, theme, ui.ini.

Nothing here imports a screen area, so any area may import it without making a circle.
"""

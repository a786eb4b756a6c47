"""年度考核 (issue 20 point 3): per street, estate, department and officer for a year or any period. Floor 8: it
reads the dashboard's goal tiles (floor 7), so every goal figure is the dashboard's own number."""

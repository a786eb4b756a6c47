"""Floor 6: the 工作台: today's work, the figures and the goal tiles."""

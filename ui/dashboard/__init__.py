"""The 工作台 page: today's work, the plan's goals as tiles, and charts."""

"""Floor 3: this station: its area, the desk's views (本工作室/全街镇/全区), report scopes, settings."""

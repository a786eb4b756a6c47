"""开始使用: the first-start guide that walks a new station through its setup, and the prompts that lead to it."""

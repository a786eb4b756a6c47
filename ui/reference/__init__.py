"""The 基础数据 (reference data) screen: lists, table models and edit dialogs."""

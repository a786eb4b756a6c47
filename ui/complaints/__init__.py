"""The 诉件台账 page: complaint log, quick entry, handling, repeat groups and 投诉万人比."""

"""The DOM: the tag pre-scan and its budgets, the parsed tree, HTML to blocks."""

"""Which blocks are the article: text to blocks, the rules, the features and the learned score."""

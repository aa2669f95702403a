"""The local tools: run-local, redrive and the command line."""

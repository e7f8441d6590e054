"""Developer tools run by the Makefile (`python -m shenbao.tools.<name>`); not used by the app."""

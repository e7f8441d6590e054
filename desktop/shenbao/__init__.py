"""Shenbao 申报助手: preview, prepare and print applications for Fujian's AI-industry support measures."""

__version__ = "0.1.0"

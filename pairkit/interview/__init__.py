"""Asking the questions: the engine, the prompts (the only module that talks to questionary)."""

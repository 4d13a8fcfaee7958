"""`python -m pairkit`: the same as the `pairkit` command."""
from pairkit.cli import main

# Guarded: worker processes (documents --tous) import this module again on Windows and macOS.
if __name__ == "__main__":
    main()

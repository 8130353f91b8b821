"""``python -m alliancekg.cli``: the same as the ``alliancekg`` command."""

from alliancekg.cli import main

if __name__ == "__main__":
    main()

"""``python -m assistant.cli``: the same commands as ``assistant`` (for environments without the script)."""

import sys

from assistant.cli import main

sys.exit(main())

import sys

from macros.check.run import main

sys.exit(main())

import sys

from app.cli.main import run

sys.exit(run(sys.argv[1:]))

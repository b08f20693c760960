"""`python -m sysatlas`: the same as the `sysatlas` command."""

from .cli import main

main()

"""Disclosure control: hiding and rounding small counts so no one can be identified."""

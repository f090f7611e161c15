"""Screens of the plans module."""

"""Pure arithmetic of Mutua: money, hours, calendars and cost splits.

Imports nothing of Flask, SQLAlchemy or ``app``: frozen data in, frozen data out.
"""

"""Pure writers: plain data in, bytes out (xlsx, csv, pdf, UBL xml).

Imports nothing of Flask, SQLAlchemy or ``app``; may use ``allocation`` for its types.
"""

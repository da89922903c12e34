"""Pure legal checks of a groupement d'employeurs: a snapshot in, findings out.

One module per rule (issue 3); imports nothing of Flask, SQLAlchemy or ``app``.
"""

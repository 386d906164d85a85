"""`kehoach serve`: the corpus in a browser (see app.py)."""

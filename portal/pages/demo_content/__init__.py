"""Demo texts of `seed_demo`, written for this project. Everything here is fictional."""

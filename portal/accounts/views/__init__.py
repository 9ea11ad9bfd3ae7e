"""Views of «Личный кабинет»: dashboard and security, profile, personal data."""

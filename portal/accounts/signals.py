def verify_on_email_confirmation(sender, request, email_address, **kwargs):
    """Once a user proves they own an address, an allowed domain verifies them."""
    user = email_address.user
    if email_address.email.lower() == user.email.lower():
        user.verify_by_email_domain()

"""django-allauth glue."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by HR or an administrator; nobody signs up publicly."""

    def is_open_for_signup(self, request) -> bool:
        return False

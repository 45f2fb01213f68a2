"""allauth's signup form with the network's fields, in the order a person fills them in.

Its own module: allauth's form imports members.forms.SignupExtraForm as its base,
so members.forms cannot import allauth's form back.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["first_name", "last_name", "email", "password1", "password2", "accept_privacy"]
        )

    def try_save(self, request):
        if self.account_already_exists:
            # A new account costs a password hash, an address already registered did not:
            # the answer came 30 times faster and told who is a member. Hash and forget.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

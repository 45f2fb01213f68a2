"""allauth's signup form with the network's fields, in the order a person fills them in.

Its own module: allauth's form imports members.forms.SignupExtraForm as its base,
so members.forms cannot import allauth's form back.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(
            ["first_name", "last_name", "email", "password1", "password2", "accept_privacy"]
        )

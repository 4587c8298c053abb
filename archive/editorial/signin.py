"""Staff sign-in with a second factor: a TOTP code from an authenticator app (django-otp).

Who is asked for a code: when settings.ARCHIVE_REQUIRE_2FA is on (it is in production),
every superuser, administrator (who may grant rights) and curator (who may publish); and
anyone who has enrolled an authenticator (`manage.py enrol_totp`). Someone who must and
has not signed in with a code does not reach the admin: every
page of it sends them to the sign-in form, which asks for the code (and says how to
enrol when they have no authenticator yet).

The admin site is Django's own with these two changes, installed as the default site
(`admin.site`) by archive.editorial.apps.ArchiveAdminConfig in INSTALLED_APPS.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django_otp.forms import OTPAuthenticationFormMixin

from .permissions import can_publish

# Rights that reach everything: whoever holds one could give themselves the rest.
GRANTING = ("auth.change_user", "auth.change_group", "otp_totp.add_totpdevice")


def two_factor_required(user):
    """Whether the user may use the admin only after signing in with a code: superusers,
    and anyone who may grant rights (administrators) or publish (curators)."""
    if not settings.ARCHIVE_REQUIRE_2FA or not user.is_active:
        return False
    return user.is_superuser or any(map(user.has_perm, GRANTING)) or can_publish(user)


def is_verified(user):
    """Whether this session was signed in with a code (django-otp's middleware tells)."""
    return getattr(user, "is_verified", lambda: False)()


def authenticator(user, for_verify=False):
    """The user's confirmed TOTP device, if they have enrolled one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")
    if for_verify:  # the failure count and last step must not race (as django-otp does)
        devices = devices.select_for_update()
    return devices.first()


class TwoFactorAuthenticationForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """The admin's sign-in form, with a field for the code, asked of those who need one."""

    otp_token = forms.CharField(
        label="Two-factor code",
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="The six digits your authenticator app shows, if your account has one.",
    )

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the two-factor code from your authenticator app.",
        "invalid_token": "That two-factor code is not right. Enter the code the app shows now.",
    }
    no_authenticator = (
        "This account signs in with a two-factor code, and has no authenticator yet. Ask "
        "whoever runs the server to enrol one: manage.py enrol_totp %(username)s."
    )

    def clean(self):
        super().clean()  # the password, and whether the account is staff
        user = self.get_user()
        if user is None:
            return self.cleaned_data
        if two_factor_required(user) and authenticator(user) is None:
            raise forms.ValidationError(
                self.no_authenticator, code="no_authenticator", params={"username": user}
            )
        if two_factor_required(user) or authenticator(user) is not None:
            try:
                self.clean_otp(user)
            except forms.ValidationError:
                if self.cleaned_data.get("otp_token"):
                    # A code tried and refused (wrong, or while the authenticator is held back
                    # after wrong ones) counts towards the sign-in throttle as a password does.
                    credentials = {"username": self.cleaned_data.get("username")}
                    user_login_failed.send(__name__, credentials=credentials, request=self.request)
                raise
        return self.cleaned_data

    def _chosen_device(self, user):
        # One authenticator per account (enrol_totp replaces the old one): no list to choose from.
        return authenticator(user, for_verify=True)


class ArchiveAdminSite(AdminSite):
    """Django's admin site, which a superuser reaches only signed in with a code when
    two-factor sign-in is required."""

    login_form = TwoFactorAuthenticationForm
    login_template = "admin/two_factor_login.html"

    def has_permission(self, request):
        user = request.user
        allowed = super().has_permission(request)
        return allowed and (not two_factor_required(user) or is_verified(user))

"""Enrol a staff account in two-factor sign-in: an authenticator app's TOTP key."""

import io

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

try:
    import qrcode
except ImportError:  # the otpauth:// address alone does; a code to scan is a convenience
    qrcode = None


class Command(BaseCommand):
    help = (
        "Give an account an authenticator (TOTP) key and print it as an otpauth:// address "
        "and a QR code to scan with an authenticator app. From then on the account signs in "
        "to the admin with its password and the app's six-digit code. An account that "
        "already has one keeps it unless --replace is given (a lost phone): the old key "
        "stops working. Whoever sees the output can make the codes: run it for the person "
        "enrolling, and let nobody else read it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the account's authenticator (the old key stops working).",
        )
        parser.add_argument(
            "--no-qr", action="store_true", help="Print the otpauth:// address only."
        )

    @transaction.atomic
    def handle(self, *args, username, replace, no_qr, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No account named “{username}”.") from None
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists():
            if not replace:
                raise CommandError(
                    f"“{username}” already has an authenticator. To replace it (the old one "
                    "stops working), run this again with --replace."
                )
            existing.delete()
        # Confirmed at once: whoever runs this is at the server, and can run it again.
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)
        url = device.config_url
        self.stdout.write(f"Two-factor sign-in for “{username}”: scan this with an authenticator")
        self.stdout.write("app, or enter the address (or its secret) in it by hand.\n")
        if qrcode is not None and not no_qr:
            code = qrcode.QRCode(border=2)
            code.add_data(url)
            drawing = io.StringIO()  # written a character at a time, which stdout would break
            code.print_ascii(out=drawing, invert=True)
            self.stdout.write(drawing.getvalue())
        self.stdout.write(url)
        if not user.is_staff:
            self.stdout.write(
                self.style.WARNING(f"“{username}” is not staff, and cannot sign in to the admin.")
            )

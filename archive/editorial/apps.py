from django.contrib.admin.apps import AdminConfig


class ArchiveAdminConfig(AdminConfig):
    """django.contrib.admin, with the archive's site (two-factor sign-in) as `admin.site`.

    In INSTALLED_APPS in place of "django.contrib.admin"; a module of its own, because
    INSTALLED_APPS is read before any model may be imported.
    """

    default_site = "archive.editorial.signin.ArchiveAdminSite"

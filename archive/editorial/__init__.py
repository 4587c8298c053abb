"""Editorial roles: who may edit, who may publish, and how staff sign in.

- roles.py: the groups Archivist, Curator and Administrator, and their permissions;
- permissions.py: the one question the admin and the commands ask (may this user publish?);
- admin.py: DocumentAdmin's part of it (status, actions, deletion, reverts, history);
- signin.py: the admin site, whose sign-in asks for a TOTP code where one is required.
"""

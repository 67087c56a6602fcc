"""Users and their role in the re-integration process."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR = "hr", _("HR / casemanager")
    MANAGER = "manager", _("Leidinggevende")
    EMPLOYEE = "employee", _("Werknemer")
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", _("Bedrijfsarts")
    REINTEGRATION_SPECIALIST = (
        "reintegration_specialist",
        _("Arbeidsdeskundige / re-integratiebureau"),
    )


#: Roles that handle health-related data and must use two-factor authentication.
MFA_REQUIRED_ROLES = frozenset({Role.HR, Role.OCCUPATIONAL_PHYSICIAN})


class UserManager(BaseUserManager["User"]):
    """Create users identified by their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        """Create an ordinary user."""
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        """Create an administrator for the Django admin."""
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in; identified by e-mail, with exactly one role."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, blank=True)
    is_demo = models.BooleanField(
        _("demo-account"),
        default=False,
        help_text=_("Demo-accounts hoeven geen tweestapsverificatie in te stellen in DEMO_MODE."),
    )
    wants_daily_digest = models.BooleanField(
        _("dagelijks overzicht"),
        default=False,
        help_text=_("Eén e-mail per dag met alle herinneringen in plaats van losse e-mails."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def requires_mfa(self) -> bool:
        """Return whether this user's role handles health data and so needs MFA."""
        return self.role in MFA_REQUIRED_ROLES

    @property
    def is_hr(self) -> bool:
        return self.role == Role.HR

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_employee(self) -> bool:
        return self.role == Role.EMPLOYEE

    @property
    def is_physician(self) -> bool:
        return self.role == Role.OCCUPATIONAL_PHYSICIAN

    @property
    def is_specialist(self) -> bool:
        return self.role == Role.REINTEGRATION_SPECIALIST

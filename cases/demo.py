"""Demo data: two employers, their staff and ~30 employees with cases in different stages.

Deterministic (fixed random seed, dates relative to today) and idempotent (everything is looked
up by its natural key first). Other apps add their own demo data in `<app>/demo.py`; the
`seed_demo` command runs them in INSTALLED_APPS order.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pgtrigger
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

from accounts.models import Role, User

from .models import (
    AssignmentKind,
    Case,
    CaseAssignment,
    CaseStatus,
    CloseReason,
    Department,
    Employee,
    Employer,
    LeavePeriod,
    SickPeriod,
    WorkResumption,
)

DEMO_PASSWORD = "Poortwachter-demo-2026"

EMPLOYERS = [
    {
        "slug": "korenschoof",
        "name": "Bakkerij De Korenschoof B.V.",
        "kvk_number": "12345678",
        "payroll_tax_number": "812345670L01",
        "departments": ["Bakkerij", "Winkel", "Logistiek", "Kantoor"],
        "allow_employee_sick_report": True,
    },
    {
        "slug": "techniek-noord",
        "name": "Techniek Noord B.V.",
        "kvk_number": "87654321",
        "payroll_tax_number": "887654320L01",
        "departments": ["Installatie", "Service", "Planning"],
        "allow_employee_sick_report": False,
    },
]

ROLE_ACCOUNTS = [
    (Role.HR, "hr", "Hanna de Vries"),
    (Role.MANAGER, "manager", "Mark Jansen"),
    (Role.EMPLOYEE, "werknemer", "Willem Bakker"),
    (Role.OCCUPATIONAL_PHYSICIAN, "bedrijfsarts", "dr. Brenda Smit"),
    (Role.REINTEGRATION_SPECIALIST, "arbeidsdeskundige", "Arjen Mulder"),
]

FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Sem",
    "Tess",
    "Milan",
    "Sophie",
    "Levi",
    "Fleur",
    "Thijs",
    "Lotte",
    "Jesse",
    "Noor",
    "Bram",
    "Eva",
    "Ruben",
    "Anouk",
    "Lars",
]
LAST_NAMES = [
    ("", "Visser"),
    ("de", "Boer"),
    ("van", "Dijk"),
    ("", "Meijer"),
    ("", "Bos"),
    ("van der", "Berg"),
    ("", "Hendriks"),
    ("", "Dekker"),
    ("van", "Leeuwen"),
    ("", "Peters"),
    ("de", "Groot"),
    ("", "Kok"),
    ("", "Vos"),
    ("van den", "Heuvel"),
    ("", "Prins"),
]
FUNCTIONS = [
    "Bakker",
    "Verkoopmedewerker",
    "Chauffeur",
    "Administratief medewerker",
    "Monteur",
    "Servicetechnicus",
    "Planner",
    "Teamleider",
]


@dataclass
class DemoContext:
    """What the seeding steps share: the employers, their demo users and a seeded RNG."""

    today: date
    rng: random.Random = field(default_factory=lambda: random.Random(20261123))
    employers: dict[str, Employer] = field(default_factory=dict)
    users: dict[tuple[str, str], User] = field(default_factory=dict)  # (slug, role) → user
    cases: dict[tuple[str, str], Case] = field(default_factory=dict)  # (slug, stage) → case


def demo_email(slug: str, local: str) -> str:
    return f"{local}@{slug}.example"


_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def bsn_sequence(start: int) -> Iterator[str]:
    """Yield valid BSNs (elfproef) from `start` upwards, deterministically.

    Of the ten numbers sharing their first eight digits at most one passes the elfproef: the
    one whose last digit is the weighted sum of the first eight modulo 11 (none when that is
    10). So the last digit is computed per block of ten instead of testing every number.
    """
    prefix = start // 10
    while True:
        check = sum(int(d) * w for d, w in zip(f"{prefix:08d}", _BSN_WEIGHTS, strict=True)) % 11
        number = prefix * 10 + check
        if check <= 9 and number >= start and number != 0:
            yield f"{number:09d}"
        prefix += 1


@functools.cache
def demo_password_hash() -> str:
    """Return one hash of :data:`DEMO_PASSWORD`, computed once per process.

    Hashing is deliberately slow (hundreds of milliseconds per user with the production
    hasher); every demo account shares the same password, so they share the same hash too.
    """
    return make_password(DEMO_PASSWORD)


def demo_user(email: str, full_name: str, role: str) -> User:
    """Return the demo user with ``email``, creating it with the shared demo password hash."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(
            email=User.objects.normalize_email(email).lower(),
            password=demo_password_hash(),
            full_name=full_name,
            role=role,
            is_demo=True,
        )
        user.save()
    return user


def _employee(employer: Employer, number: str, **fields) -> Employee:
    employee, _ = Employee.objects.get_or_create(
        employer=employer, personnel_number=number, defaults=fields
    )
    return employee


def _case(
    employee: Employee,
    periods: list[tuple[date, date | None]],
    *,
    reported_by: User,
    casemanager: User,
    status: str = CaseStatus.OPEN,
) -> Case:
    existing = employee.cases.order_by("first_sick_day").first()
    if existing:
        return existing
    case = Case.objects.create(
        employer=employee.employer,
        employee=employee,
        first_sick_day=periods[0][0],
        reported_on=periods[0][0],
        reported_by=reported_by,
        casemanager=casemanager,
        status=status,
        close_reason=CloseReason.RECOVERED if status == CaseStatus.RECOVERED else "",
        expected_duration="Onbekend",
    )
    for start, end in periods:
        SickPeriod.objects.create(case=case, start=start, end=end)
    return case


#: Demo case stages: (stage key, weeks ago the first sick day was).
STAGES = [
    ("fresh", 0),
    ("week7_no_action_plan", 7),
    ("summed", 30),
    ("partly_recovered", 20),
    ("week60", 60),
    ("week92", 92),
    ("recovered", 15),
    ("wazo", 30),
]


def seed(ctx: DemoContext) -> None:
    """Create employers, departments, role accounts, employees and staged cases."""
    bsns = bsn_sequence(111222330)
    for index, spec in enumerate(EMPLOYERS):
        slug = spec["slug"]
        employer, _ = Employer.objects.get_or_create(
            kvk_number=spec["kvk_number"],
            defaults={
                "name": spec["name"],
                "payroll_tax_number": spec["payroll_tax_number"],
                "allow_employee_sick_report": spec["allow_employee_sick_report"],
            },
        )
        ctx.employers[slug] = employer
        departments = [
            Department.objects.get_or_create(employer=employer, name=name)[0]
            for name in spec["departments"]
        ]
        for role, local, name in ROLE_ACCOUNTS:
            ctx.users[(slug, role)] = demo_user(demo_email(slug, local), name, role)
        employer.hr_users.add(ctx.users[(slug, Role.HR)])
        # The team a new case gets (the "fresh" demo case predates it: no bedrijfsarts yet).
        employer.default_casemanager = ctx.users[(slug, Role.HR)]
        employer.default_physician = ctx.users[(slug, Role.OCCUPATIONAL_PHYSICIAN)]
        employer.save(update_fields=["default_casemanager", "default_physician"])
        _seed_employees(ctx, employer, departments, bsns, offset=index * 100)


def _seed_employees(ctx, employer, departments, bsns, *, offset: int) -> None:
    slug = next(k for k, v in ctx.employers.items() if v == employer)
    hr = ctx.users[(slug, Role.HR)]
    manager_record = _employee(
        employer,
        f"{offset + 1:05d}",
        first_name="Mark",
        last_name="Jansen",
        bsn=next(bsns),
        date_of_birth=date(1975, 4, 12),
        function_title="Teamleider",
        contract_hours=38,
        department=departments[0],
        user=ctx.users[(slug, Role.MANAGER)],
        email=demo_email(slug, "manager"),
    )
    own = _employee(
        employer,
        f"{offset + 2:05d}",
        first_name="Willem",
        last_name="Bakker",
        bsn=next(bsns),
        date_of_birth=date(1984, 9, 3),
        function_title=FUNCTIONS[0],
        contract_hours=32,
        department=departments[0],
        manager=manager_record,
        user=ctx.users[(slug, Role.EMPLOYEE)],
        email=demo_email(slug, "werknemer"),
    )
    employees = [own]
    for n in range(3, 16):
        first = FIRST_NAMES[(n + offset) % len(FIRST_NAMES)]
        prefix, last = LAST_NAMES[(n * 7 + offset) % len(LAST_NAMES)]
        employees.append(
            _employee(
                employer,
                f"{offset + n:05d}",
                first_name=first,
                name_prefix=prefix,
                last_name=last,
                bsn=next(bsns),
                date_of_birth=date(
                    1965 + ctx.rng.randint(0, 35), ctx.rng.randint(1, 12), ctx.rng.randint(1, 28)
                ),
                function_title=ctx.rng.choice(FUNCTIONS),
                contract_hours=ctx.rng.choice([24, 32, 36, 40]),
                department=departments[n % len(departments)],
                manager=manager_record if n % 2 else None,
                email=f"{first.lower()}.{last.lower()}@{slug}.example",
            )
        )
    physician = ctx.users[(slug, Role.OCCUPATIONAL_PHYSICIAN)]
    specialist = ctx.users[(slug, Role.REINTEGRATION_SPECIALIST)]
    for (stage, weeks_ago), employee in zip(STAGES, employees, strict=False):
        start = _monday_before(ctx.today - timedelta(weeks=weeks_ago))
        if stage == "summed":
            periods = [(start, start + timedelta(days=34)), (start + timedelta(days=55), None)]
        elif stage == "recovered":
            periods = [(start, start + timedelta(weeks=9))]
        elif stage == "wazo":
            # Sick 10 weeks, 16 weeks WAZO leave, still sick afterwards (same cause, §2.3).
            periods = [
                (start, start + timedelta(weeks=10, days=-1)),
                (start + timedelta(weeks=26), None),
            ]
        else:
            periods = [(start, None)]
        status = CaseStatus.RECOVERED if stage == "recovered" else CaseStatus.OPEN
        case = _case(employee, periods, reported_by=hr, casemanager=hr, status=status)
        ctx.cases[(slug, stage)] = case
        _seed_course(case, stage, start, hr)
        if stage != "fresh":
            CaseAssignment.objects.get_or_create(
                case=case,
                user=physician,
                active=True,
                defaults={"kind": AssignmentKind.OCCUPATIONAL_PHYSICIAN},
            )
        if stage in ("week60", "week92"):
            CaseAssignment.objects.get_or_create(
                case=case,
                user=specialist,
                active=True,
                defaults={"kind": AssignmentKind.REINTEGRATION_SPECIALIST},
            )


def _seed_course(case: Case, stage: str, start: date, hr: User) -> None:
    """Add the sickness-course facts of a stage: explanations, partial work, WAZO leave."""
    if stage == "summed":
        SickPeriod.objects.filter(case=case, start=start + timedelta(days=55)).update(
            note="Terugval binnen 28 dagen na herstel (20 dagen hersteld): samengeteld met het "
            "lopende dossier."
        )
    elif stage == "partly_recovered":
        WorkResumption.objects.get_or_create(
            case=case,
            start=start + timedelta(weeks=12),
            defaults={"percentage_sick": 50, "hours_worked": 16, "created_by": hr},
        )
    elif stage == "wazo":
        LeavePeriod.objects.get_or_create(
            case=case,
            start=start + timedelta(weeks=10),
            defaults={"end": start + timedelta(weeks=26, days=-1), "created_by": hr},
        )
        SickPeriod.objects.filter(case=case, start=start + timedelta(weeks=26)).update(
            note="after_leave"
        )


def _monday_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def seed_volume(ctx: DemoContext, count: int) -> int:
    """Add `count` generated employees, each with an open case, to the first employer."""
    employer = ctx.employers[EMPLOYERS[0]["slug"]]
    hr = ctx.users[(EMPLOYERS[0]["slug"], Role.HR)]
    departments = list(employer.departments.all())
    existing = Employee.objects.filter(employer=employer, personnel_number__startswith="V").count()
    if existing >= count:
        return 0
    # Continue after the highest generated BSN, so a second run never collides with the first.
    last_bsn = (
        Employee.objects.filter(employer=employer, personnel_number__startswith="V")
        .order_by("-bsn")
        .values_list("bsn", flat=True)
        .first()
    )
    bsns = bsn_sequence(int(last_bsn) + 1 if last_bsn else 500000000)
    rng = random.Random(count)
    numbers = range(existing, count)
    # History triggers fire once per row; for ten thousand generated rows that doubles the
    # write work row by row. They are switched off for these inserts and the same "insert"
    # events are written afterwards in one set-based statement per table (see
    # `_history_insert_events`), so the generated records keep their history too.
    with (
        transaction.atomic(),
        pgtrigger.ignore(*(f"{m._meta.label}:insert_insert" for m in VOLUME_MODELS)),
    ):
        employee_ids = _copy_in(
            Employee,
            [
                {
                    "employer_id": employer.pk,
                    "personnel_number": f"V{n:07d}",
                    "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
                    "name_prefix": LAST_NAMES[n % len(LAST_NAMES)][0],
                    "last_name": LAST_NAMES[n % len(LAST_NAMES)][1],
                    "bsn": next(bsns),
                    "date_of_birth": date(1970, 1, 1) + timedelta(days=rng.randint(0, 12000)),
                    "function_title": FUNCTIONS[n % len(FUNCTIONS)],
                    "contract_hours": 36,
                    "department_id": departments[n % len(departments)].pk,
                }
                for n in numbers
            ],
        )
        first_sick_days = [ctx.today - timedelta(days=rng.randint(0, 720)) for _ in numbers]
        case_ids = _copy_in(
            Case,
            [
                {
                    "employer_id": employer.pk,
                    "employee_id": employee_id,
                    "first_sick_day": first_sick_day,
                    "reported_on": first_sick_day,
                    "reported_by_id": hr.pk,
                    "casemanager_id": hr.pk,
                }
                for employee_id, first_sick_day in zip(employee_ids, first_sick_days, strict=True)
            ],
        )
        period_ids = _copy_in(
            SickPeriod,
            [
                {"case_id": case_id, "start": first_sick_day}
                for case_id, first_sick_day in zip(case_ids, first_sick_days, strict=True)
            ],
        )
        for model, ids in zip(VOLUME_MODELS, (employee_ids, case_ids, period_ids), strict=True):
            _history_insert_events(model, ids)
    return len(numbers)


def _copy_in(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` (field attnames to values) of `model` with one ``COPY``; return their ids.

    The ids are taken from the table's sequence first, so the rows can reference each other
    (a case its employee) without a ``RETURNING`` per statement. A field a row leaves out gets
    what `bulk_create` would write for a new instance (its default, ``auto_now_add``), worked
    out once; a given value is prepared for the database as `bulk_create` would, except for the
    plain field classes, whose value is written as it is. No model instance per row: building
    ten thousand cost more than the database's work.

    Inside :func:`pgtrigger.ignore` the ignored triggers stay ignored for the ``COPY``: the
    sequence query before it goes through Django's cursor, whose pgtrigger wrapper sets the
    transaction-local ``pgtrigger.ignore`` setting that the triggers read.
    """
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated and not f.primary_key]
    new = model()
    defaults = [f.get_db_prep_save(f.pre_save(new, add=True), connection) for f in fields]
    prepare = [_prepare(field) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        columns = ", ".join(f'"{f.column}"' for f in [meta.pk, *fields])
        with cursor.cursor.copy(f'COPY "{meta.db_table}" ({columns}) FROM STDIN') as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row(
                    [
                        pk,
                        *(
                            prep(row[field.attname]) if field.attname in row else default
                            for field, prep, default in zip(fields, prepare, defaults, strict=True)
                        ),
                    ]
                )
    return ids


#: Fields whose database value is the Python value as it is (a str, int, bool, date or None):
#: their `get_db_prep_save` only checks the type, at ~10 µs a field and row.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
    models.BooleanField,
    models.DateField,
    models.ForeignKey,
)


def _prepare(model_field: models.Field) -> Callable[[Any], Any]:
    """Return how `_copy_in` prepares a given value of a field: as it is for the plain field
    classes (exactly those: a subclass may prepare its value), else `get_db_prep_save`."""
    if type(model_field) in _PLAIN_FIELDS:
        return lambda value: value
    return lambda value: model_field.get_db_prep_save(value, connection)


#: The tracked models `seed_volume` inserts in bulk.
VOLUME_MODELS = (Employee, Case, SickPeriod)


def _history_insert_events(model: type[models.Model], ids: list[int]) -> None:
    """Write the pghistory "insert" event of each of these rows in one statement.

    Equal to what the row trigger writes (the tracked columns, label ``insert``, now), for the
    rows inserted while that trigger was ignored.
    """
    event_model = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    tracked = [
        f.column
        for f in event_model._meta.concrete_fields
        if not f.name.startswith("pgh_")
        and f.column in {c.column for c in model._meta.concrete_fields}
    ]
    columns = ", ".join(f'"{c}"' for c in tracked)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{event_model._meta.db_table}" ({columns}, "pgh_obj_id", "pgh_label", '
            f'"pgh_created_at") SELECT {columns}, "id", %s, NOW() FROM "{model._meta.db_table}" '
            'WHERE "id" = ANY(%s)',
            ["insert", ids],
        )

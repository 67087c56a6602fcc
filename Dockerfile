# Production image: Django + gunicorn, Celery worker and beat share it.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=reintegratie.settings.production

# pg_dump / pg_restore for `manage.py backup` and `restore` must not be older than the server:
# the client of the PostgreSQL major version docker-compose.yml runs, from the PGDG repository
# (Debian bookworm itself ships only 15).
ARG PG_MAJOR=16
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
       postgresql-client-${PG_MAJOR} \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app poortwachter && mkdir -p /app/media /backups \
    && chown poortwachter /app/media /backups
USER poortwachter
EXPOSE 8000
CMD ["gunicorn", "reintegratie.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]

#!/bin/sh
# PostgreSQL primary, first start only (docker-entrypoint-initdb.d): the replica's login and the
# app's login. relance_app is the role row-level security applies to; `migrate` gives it its grants
# and keeps it as created here (APP_DATABASE_URL is set: its password is the operator's).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
create role replicator with replication login password '${REPLICATION_PASSWORD}';
create role relance_app login password '${APP_DB_PASSWORD}' noinherit nosuperuser nocreatedb nocreaterole nobypassrls;
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"

-- Least privilege: the service connects as the application role (${appRole}), Flyway as the owner of the schema. The
-- application role may read and write the read models, lookups and token store, but may only INSERT and SELECT the
-- event store and the tamper-evident log: no UPDATE, DELETE or TRUNCATE, whoever asks. The triggers stay as a second
-- guard. When the role does not exist (one database user for everything), nothing is granted.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO ${appRole}';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${appRole}';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${appRole}';
        -- Tables and sequences later migrations create get the same, so a new read model works as the app role.
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${appRole}';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${appRole}';
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON domain_event_entry, audit_log_entry, '
            || 'audit_log_subtree, audit_log_tree_head, audit_log_signing_key, audit_amendment FROM ${appRole}';
        EXECUTE 'REVOKE ALL ON ${flyway:table} FROM ${appRole}';
    END IF;
END
$$;

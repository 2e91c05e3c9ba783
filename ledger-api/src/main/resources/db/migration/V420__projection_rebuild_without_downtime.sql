-- Rebuild without downtime (README "Segments and rebuild without downtime"). A rebuild writes into empty copies of
-- the read models in the schema projection_rebuild while reads go on from the live ones in public, then swaps them in
-- one transaction. Creating, moving and dropping tables is DDL, which the application role (V201) may not do: these
-- two functions do it as the schema's owner (SECURITY DEFINER), and the application role may only call them. They
-- accept nothing but read models (tables in public named projection_...), so they cannot touch the event store, the
-- log or any other table, and the tables they create belong to the owner like every other table.
CREATE SCHEMA projection_rebuild;

-- One row per rebuild asked for. At most one runs at a time, across every node.
CREATE TABLE rebuild_job (
    id              UUID        PRIMARY KEY,
    state           VARCHAR(20) NOT NULL,
    head_position   BIGINT      NOT NULL,
    head_events     BIGINT      NOT NULL,
    position        BIGINT      NOT NULL,
    events_replayed BIGINT      NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    heartbeat_at    TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    failure         VARCHAR(500),
    node            VARCHAR(255) NOT NULL
);
CREATE UNIQUE INDEX rebuild_job_one_running ON rebuild_job ((true)) WHERE state = 'RUNNING';

CREATE FUNCTION projection_rebuild_check(tables TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        IF t !~ '^projection_[a-z0-9_]+$' OR to_regclass(format('public.%I', t)) IS NULL THEN
            RAISE EXCEPTION 'not a read model: %', t;
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION projection_rebuild_check(TEXT[]) FROM PUBLIC;

-- Empties projection_rebuild and creates in it an empty copy of each read model: its columns, defaults, constraints
-- and indexes (LIKE ... INCLUDING ALL), and the privileges the live table grants.
CREATE FUNCTION projection_rebuild_prepare(tables TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    t TEXT;
    g RECORD;
BEGIN
    PERFORM public.projection_rebuild_check(tables);
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'projection_rebuild' AND c.relkind = 'r' LOOP
        EXECUTE format('DROP TABLE projection_rebuild.%I', t);
    END LOOP;
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('CREATE TABLE projection_rebuild.%I (LIKE public.%I INCLUDING ALL)', t, t);
        FOR g IN SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee,
                        a.privilege_type
                 FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
                 LEFT JOIN pg_roles r ON r.oid = a.grantee
                 WHERE c.oid = format('public.%I', t)::regclass AND a.grantee <> c.relowner LOOP
            EXECUTE format('GRANT %s ON projection_rebuild.%I TO %s', g.privilege_type, t, g.grantee);
        END LOOP;
    END LOOP;
END
$$;

-- Fresh statistics for the copies, so that the first reads after the swap are planned on the real sizes.
CREATE FUNCTION projection_rebuild_analyze(tables TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    t TEXT;
BEGIN
    PERFORM public.projection_rebuild_check(tables);
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('ANALYZE projection_rebuild.%I', t);
    END LOOP;
END
$$;

-- Replaces each live read model by its rebuilt copy: drops the live table, moves the copy into public, and gives its
-- indexes (and so its primary key) the live ones' names, matched by definition, so that later migrations find them.
-- Run inside the caller's transaction, which also moves the processor's tokens: all of it commits or none.
CREATE FUNCTION projection_rebuild_swap(tables TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    t TEXT;
    live_index RECORD;
    copy_index TEXT;
    copy_names TEXT[];
    live_names TEXT[];
    i INT;
BEGIN
    PERFORM public.projection_rebuild_check(tables);
    FOREACH t IN ARRAY tables LOOP
        IF to_regclass(format('projection_rebuild.%I', t)) IS NULL THEN
            RAISE EXCEPTION 'no rebuilt copy of %', t;
        END IF;
        copy_names := ARRAY[]::TEXT[];
        live_names := ARRAY[]::TEXT[];
        FOR live_index IN
                SELECT ic.relname AS name,
                       regexp_replace(pg_get_indexdef(x.indexrelid), '^CREATE (UNIQUE )?INDEX \S+ ON \S+', '\1') AS def
                FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                WHERE x.indrelid = format('public.%I', t)::regclass LOOP
            copy_index := NULL;
            SELECT ic.relname INTO copy_index
            FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
            WHERE x.indrelid = format('projection_rebuild.%I', t)::regclass
              AND regexp_replace(pg_get_indexdef(x.indexrelid), '^CREATE (UNIQUE )?INDEX \S+ ON \S+', '\1')
                  = live_index.def
              AND ic.relname <> ALL (copy_names)
            LIMIT 1;
            IF copy_index IS NULL THEN
                RAISE EXCEPTION 'the copy of % has no index like %', t, live_index.name;
            END IF;
            copy_names := copy_names || copy_index;
            live_names := live_names || live_index.name::TEXT;
        END LOOP;
        EXECUTE format('DROP TABLE public.%I', t);
        EXECUTE format('ALTER TABLE projection_rebuild.%I SET SCHEMA public', t);
        -- Through names of their own first, so that no rename meets a name another copy still holds.
        FOR i IN 1 .. coalesce(array_length(copy_names, 1), 0) LOOP
            EXECUTE format('ALTER INDEX public.%I RENAME TO %I', copy_names[i], 'projection_rebuild_swap_' || i);
        END LOOP;
        FOR i IN 1 .. coalesce(array_length(copy_names, 1), 0) LOOP
            EXECUTE format('ALTER INDEX public.%I RENAME TO %I', 'projection_rebuild_swap_' || i, live_names[i]);
        END LOOP;
    END LOOP;
END
$$;

-- Only the application role may call them (functions are executable by everyone unless revoked).
DO $$
BEGIN
    REVOKE ALL ON FUNCTION projection_rebuild_prepare(TEXT[]) FROM PUBLIC;
    REVOKE ALL ON FUNCTION projection_rebuild_analyze(TEXT[]) FROM PUBLIC;
    REVOKE ALL ON FUNCTION projection_rebuild_swap(TEXT[]) FROM PUBLIC;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') AND current_user <> '${appRole}' THEN
        EXECUTE 'GRANT USAGE ON SCHEMA projection_rebuild TO ${appRole}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION projection_rebuild_prepare(TEXT[]), projection_rebuild_analyze(TEXT[]), '
            || 'projection_rebuild_swap(TEXT[]) TO ${appRole}';
    END IF;
END
$$;

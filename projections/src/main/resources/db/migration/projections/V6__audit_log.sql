-- The audit trail: one row per stored event, with its actor and a masked payload. Built by the
-- `audit` projection; rebuildable by replay. Indexed for the audit endpoint's filters.
CREATE TABLE audit_log (
    global_index   bigint       NOT NULL PRIMARY KEY,
    event_id       varchar(64)  NOT NULL,
    event_type     varchar(128) NOT NULL,
    payload_type   varchar(255) NOT NULL,
    aggregate_type varchar(128),
    aggregate_id   varchar(64),
    sequence_number bigint,
    occurred_at    timestamptz  NOT NULL,
    actor_id       varchar(64),
    correlation_id varchar(64),
    client_ip      varchar(64),
    payload        jsonb        NOT NULL
);
CREATE INDEX audit_log_aggregate_idx ON audit_log (aggregate_id, global_index DESC);
CREATE INDEX audit_log_type_time_idx ON audit_log (aggregate_type, global_index DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, global_index DESC);
CREATE INDEX audit_log_event_type_idx ON audit_log (event_type, global_index DESC);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC);

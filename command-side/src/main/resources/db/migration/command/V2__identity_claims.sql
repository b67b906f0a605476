-- Set-based validation of the User aggregate: each e-mail, phone number and username belongs to
-- at most one user. Written in the transaction that appends the claiming event.
CREATE TABLE identity_claims (
    claim_type  varchar(16)  NOT NULL,
    claim_value varchar(320) NOT NULL,
    user_id     varchar(36)  NOT NULL,
    claimed_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (claim_type, claim_value)
);
CREATE INDEX identity_claims_user_idx ON identity_claims (user_id);

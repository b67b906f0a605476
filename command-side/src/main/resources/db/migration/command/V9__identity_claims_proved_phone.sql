-- A phone number is a login only once proved by a one-time code sent to it. Each number is still held
-- by one account at most (the primary key), proved or not; only a proved one logs in, and the owner's
-- proof takes an unproved number away from the account holding it. The column means something only for
-- claim_type = 'PHONE'.
ALTER TABLE identity_claims ADD COLUMN IF NOT EXISTS proved boolean NOT NULL DEFAULT false;

-- Whether a stored registration (its JSON payload) made a phone-only account with this phone. A payload
-- PostgreSQL cannot read as jsonb (a \u0000 in a name, say) counts as no: the phone stays unproved.
CREATE FUNCTION pg_temp.wework_phone_only_registration(payload bytea, phone text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    j jsonb;
BEGIN
    j := convert_from(payload, 'UTF8')::jsonb;
    RETURN j ->> 'email' IS NULL AND j ->> 'phoneNumber' = phone;
EXCEPTION WHEN others THEN
    RETURN false;
END;
$$;

-- The phones claimed before this version: proved only where an OTP login made the account, i.e. a
-- revision-1 registration with a phone and no e-mail address (sign-up always had an e-mail address),
-- and no phone change since (an admin-set phone was never proved). The same rule as
-- UserRegisteredEventV1Upcaster. With the events outside PostgreSQL (Axon Server) nothing matches and
-- every earlier phone stays unproved until its owner logs in by code or proves it.
UPDATE identity_claims c SET proved = true
WHERE c.claim_type = 'PHONE'
  AND NOT c.proved
  AND EXISTS (SELECT 1 FROM domain_event_entry e
              WHERE e.aggregate_identifier = c.user_id
                AND e.payload_type = 'io.wework.identity.api.UserRegisteredEvent'
                AND e.payload_revision = '1'
                AND pg_temp.wework_phone_only_registration(e.payload, c.claim_value))
  AND NOT EXISTS (SELECT 1 FROM domain_event_entry p
                  WHERE p.aggregate_identifier = c.user_id
                    AND p.payload_type = 'io.wework.identity.api.UserPhoneChangedEvent');

DROP FUNCTION pg_temp.wework_phone_only_registration(bytea, text);

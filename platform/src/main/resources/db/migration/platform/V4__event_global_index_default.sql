-- Lets an INSERT without a global index (Axon's JDBC storage engine) draw it from the same sequence
-- the JPA engine uses, so both engines can run on one schema.
ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('domain_event_global_index_seq');

-- A published revision is a record of what readers saw; it never changes.
CREATE FUNCTION refuse_revision_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'module revisions are immutable' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER module_revisions_immutable
  BEFORE UPDATE OR DELETE ON module_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_revision_change();

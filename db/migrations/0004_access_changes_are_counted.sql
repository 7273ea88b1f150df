-- Every change that can take away (or change) someone's access to a module's
-- working draft bumps this sequence. The collaboration server polls its value
-- and re-checks its open sockets only when it moved, instead of querying
-- every socket's access every few seconds.
CREATE SEQUENCE access_changes;
--> statement-breakpoint
CREATE FUNCTION count_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('access_changes');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER module_authors_access_change AFTER INSERT OR UPDATE OR DELETE ON module_authors
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER user_roles_access_change AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER modules_access_change AFTER UPDATE OF status, visibility, owner_org_id OR DELETE ON modules
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER users_access_change AFTER UPDATE OF org_id OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER sessions_access_change AFTER DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();

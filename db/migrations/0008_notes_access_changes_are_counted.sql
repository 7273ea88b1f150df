-- Break-out notes (notes.<session>) follow the reunion's audience, so changes
-- to it count as access changes too: the collaboration server then re-checks
-- open notes sockets within seconds instead of at its 30-second full check.
CREATE TRIGGER reunion_audience_access_change AFTER INSERT OR UPDATE OR DELETE ON reunion_audience
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER group_members_access_change AFTER INSERT OR UPDATE OR DELETE ON group_members
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER reunions_access_change AFTER UPDATE OF organiser_id, org_id OR DELETE ON reunions
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();
--> statement-breakpoint
CREATE TRIGGER open_space_sessions_access_change AFTER DELETE ON open_space_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION count_access_change();

DROP INDEX "modules_search_idx";--> statement-breakpoint
DROP INDEX "modules_title_search_idx";--> statement-breakpoint
DROP INDEX "users_directory_search_idx";--> statement-breakpoint
DROP INDEX "users_expertise_idx";--> statement-breakpoint
CREATE INDEX "modules_search_idx" ON "modules" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "modules_title_search_idx" ON "modules" USING gin ("title_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "users_directory_search_idx" ON "users" USING gin ("directory_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "users_expertise_idx" ON "users" USING gin ("expertise") WITH (fastupdate=false);
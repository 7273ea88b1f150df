CREATE TABLE "module_rank_vectors" (
	"revision_id" uuid PRIMARY KEY NOT NULL,
	"vector" "tsvector" NOT NULL
);
--> statement-breakpoint
DROP INDEX "modules_search_idx";--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title)) STORED;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "directory_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, name), 'A') || setweight(to_tsvector('simple'::regconfig, bio), 'B') || setweight(to_tsvector('simple'::regconfig, array_to_tsvector(expertise)::text), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "module_rank_vectors" ADD CONSTRAINT "module_rank_vectors_revision_id_module_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."module_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "modules_title_search_idx" ON "modules" USING gin ("title_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "users_directory_search_idx" ON "users" USING gin ("directory_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "users_expertise_idx" ON "users" USING gin ("expertise") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "users_name_order_idx" ON "users" USING btree (lower("name"),"id");--> statement-breakpoint
CREATE INDEX "modules_search_idx" ON "modules" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
-- Rank vectors for what is already published, as publishRevision writes them (rankVectorSql).
INSERT INTO "module_rank_vectors" ("revision_id", "vector")
SELECT r.id,
  setweight(to_tsvector('english', m.title), 'A')
  || setweight(to_tsvector('english', m.summary), 'B')
  || setweight(to_tsvector('english', array_to_string(r.questions, E'\n')), 'C')
FROM "modules" m JOIN "module_revisions" r ON r.id = m.published_revision_id;

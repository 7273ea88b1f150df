CREATE TABLE "module_rank_vectors" (
	"revision_id" uuid PRIMARY KEY NOT NULL,
	"vector" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "modules" ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title)) STORED;--> statement-breakpoint
ALTER TABLE "module_rank_vectors" ADD CONSTRAINT "module_rank_vectors_revision_id_module_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."module_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "modules_title_search_idx" ON "modules" USING gin ("title_vector");--> statement-breakpoint
-- Rank vectors for what is already published, as publishRevision writes them (rankVectorSql).
INSERT INTO "module_rank_vectors" ("revision_id", "vector")
SELECT r.id,
  setweight(to_tsvector('english', m.title), 'A')
  || setweight(to_tsvector('english', m.summary), 'B')
  || setweight(to_tsvector('english', array_to_string(r.questions, E'\n')), 'C')
FROM "modules" m JOIN "module_revisions" r ON r.id = m.published_revision_id;

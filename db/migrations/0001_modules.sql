CREATE TYPE "public"."group_kind" AS ENUM('programme', 'peer');--> statement-breakpoint
CREATE TYPE "public"."mindset" AS ENUM('reflection', 'analysis', 'worldliness', 'collaboration', 'action');--> statement-breakpoint
CREATE TYPE "public"."module_author_role" AS ENUM('lead', 'coauthor');--> statement-breakpoint
CREATE TYPE "public"."module_status" AS ENUM('draft', 'in_review', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."module_visibility" AS ENUM('public', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."programme_mode" AS ENUM('programme_first', 'programme_only');--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "group_kind" DEFAULT 'programme' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "module_authors" (
	"module_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "module_author_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "module_authors_module_id_user_id_pk" PRIMARY KEY("module_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "module_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"module_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"doc" jsonb NOT NULL,
	"html" text NOT NULL,
	"plain_text" text NOT NULL,
	"questions" text[] NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"mindset" "mindset" NOT NULL,
	"secondary_mindsets" "mindset"[] DEFAULT '{}' NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"visibility" "module_visibility" DEFAULT 'public' NOT NULL,
	"owner_org_id" uuid,
	"status" "module_status" DEFAULT 'draft' NOT NULL,
	"published_revision_id" uuid,
	"published_at" timestamp with time zone,
	"page_count" integer DEFAULT 0 NOT NULL,
	"search_vector" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "modules_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "programme_modules" (
	"org_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_modules_org_id_module_id_pk" PRIMARY KEY("org_id","module_id")
);
--> statement-breakpoint
CREATE TABLE "takeaways" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"text" text NOT NULL,
	"shared_with_group_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "programme_mode" "programme_mode" DEFAULT 'programme_first' NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_authors" ADD CONSTRAINT "module_authors_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_authors" ADD CONSTRAINT "module_authors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_revisions" ADD CONSTRAINT "module_revisions_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_revisions" ADD CONSTRAINT "module_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "modules" ADD CONSTRAINT "modules_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_modules" ADD CONSTRAINT "programme_modules_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_modules" ADD CONSTRAINT "programme_modules_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takeaways" ADD CONSTRAINT "takeaways_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takeaways" ADD CONSTRAINT "takeaways_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takeaways" ADD CONSTRAINT "takeaways_shared_with_group_id_groups_id_fk" FOREIGN KEY ("shared_with_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_members_user_idx" ON "group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "groups_org_idx" ON "groups" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "module_authors_user_idx" ON "module_authors" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "module_revisions_number_idx" ON "module_revisions" USING btree ("module_id","number");--> statement-breakpoint
CREATE INDEX "modules_search_idx" ON "modules" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "modules_topics_idx" ON "modules" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "modules_status_mindset_idx" ON "modules" USING btree ("status","mindset");--> statement-breakpoint
CREATE INDEX "modules_owner_org_idx" ON "modules" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "takeaways_user_idx" ON "takeaways" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "takeaways_group_idx" ON "takeaways" USING btree ("shared_with_group_id");
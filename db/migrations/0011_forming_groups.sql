CREATE TYPE "public"."formation_plan_kind" AS ENUM('form', 're_form', 'late_joiners');--> statement-breakpoint
CREATE TYPE "public"."formation_plan_status" AS ENUM('running', 'proposed', 'failed', 'cancelled', 'published', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."formation_preference_kind" AS ENUM('want', 'rather_not');--> statement-breakpoint
CREATE TABLE "formation_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"kind" "formation_plan_kind" DEFAULT 'form' NOT NULL,
	"status" "formation_plan_status" DEFAULT 'running' NOT NULL,
	"created_by" uuid,
	"settings" jsonb NOT NULL,
	"people" jsonb NOT NULL,
	"group_ids" jsonb NOT NULL,
	"assignment" jsonb,
	"pins" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"value" double precision,
	"progress_value" double precision,
	"progress_ms" integer,
	"time_limit_ms" integer NOT NULL,
	"seed" integer NOT NULL,
	"problems" jsonb,
	"error" text,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "formation_preferences" (
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"kind" "formation_preference_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "formation_preferences_cohort_id_user_id_target_id_pk" PRIMARY KEY("cohort_id","user_id","target_id")
);
--> statement-breakpoint
ALTER TABLE "cohorts" ADD COLUMN "formation_settings" jsonb;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "formation_preferences" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "formation_plans" ADD CONSTRAINT "formation_plans_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formation_plans" ADD CONSTRAINT "formation_plans_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formation_plans" ADD CONSTRAINT "formation_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formation_plans" ADD CONSTRAINT "formation_plans_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formation_preferences" ADD CONSTRAINT "formation_preferences_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formation_preferences" ADD CONSTRAINT "formation_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formation_preferences" ADD CONSTRAINT "formation_preferences_target_id_users_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "formation_plans_cohort_idx" ON "formation_plans" USING btree ("cohort_id","created_at");--> statement-breakpoint
CREATE INDEX "formation_plans_org_published_idx" ON "formation_plans" USING btree ("org_id","status");
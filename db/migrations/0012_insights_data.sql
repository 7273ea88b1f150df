CREATE TYPE "public"."insight_unit_kind" AS ENUM('department', 'site', 'store');--> statement-breakpoint
CREATE TABLE "insight_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "insight_unit_kind" NOT NULL,
	"department_id" uuid,
	"site_id" uuid,
	"store_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_units_kind_matches" CHECK (("insight_units"."kind" = 'department') = ("insight_units"."department_id" is not null) and ("insight_units"."kind" = 'site') = ("insight_units"."site_id" is not null) and ("insight_units"."kind" = 'store') = ("insight_units"."store_name" is not null))
);
--> statement-breakpoint
CREATE TABLE "kpi_values" (
	"org_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period" date NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "kpi_values_org_id_unit_id_period_metric_pk" PRIMARY KEY("org_id","unit_id","period","metric"),
	CONSTRAINT "kpi_values_period_is_month" CHECK (extract(day from "kpi_values"."period") = 1)
);
--> statement-breakpoint
CREATE TABLE "survey_scores" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"period" date NOT NULL,
	"instrument" text NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "survey_scores_org_id_user_id_period_instrument_pk" PRIMARY KEY("org_id","user_id","period","instrument"),
	CONSTRAINT "survey_scores_period_is_month" CHECK (extract(day from "survey_scores"."period") = 1)
);
--> statement-breakpoint
CREATE TABLE "unit_headcounts" (
	"org_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"period" date NOT NULL,
	"headcount" integer NOT NULL,
	CONSTRAINT "unit_headcounts_org_id_unit_id_period_pk" PRIMARY KEY("org_id","unit_id","period"),
	CONSTRAINT "unit_headcounts_period_is_month" CHECK (extract(day from "unit_headcounts"."period") = 1),
	CONSTRAINT "unit_headcounts_not_negative" CHECK ("unit_headcounts"."headcount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "insight_units" ADD CONSTRAINT "insight_units_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_units" ADD CONSTRAINT "insight_units_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_units" ADD CONSTRAINT "insight_units_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_values" ADD CONSTRAINT "kpi_values_unit_id_insight_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."insight_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_scores" ADD CONSTRAINT "survey_scores_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_scores" ADD CONSTRAINT "survey_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_headcounts" ADD CONSTRAINT "unit_headcounts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_headcounts" ADD CONSTRAINT "unit_headcounts_unit_id_insight_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."insight_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insight_units_department_idx" ON "insight_units" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insight_units_site_idx" ON "insight_units" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "insight_units_store_name_idx" ON "insight_units" USING btree ("org_id",lower("store_name"));
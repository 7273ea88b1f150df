CREATE TYPE "public"."experiment_outcome_kind" AS ENUM('kpi', 'diagnostic');--> statement-breakpoint
CREATE TYPE "public"."experiment_unit_kind" AS ENUM('department', 'site', 'store', 'cohort');--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"initiative" text NOT NULL,
	"hypothesis" text NOT NULL,
	"unit_kind" "experiment_unit_kind" NOT NULL,
	"eligible" jsonb NOT NULL,
	"outcome_kind" "experiment_outcome_kind" DEFAULT 'kpi' NOT NULL,
	"outcome" text NOT NULL,
	"starts_on" date NOT NULL,
	"baseline_months" integer NOT NULL,
	"outcome_months" integer NOT NULL,
	"analysis" text NOT NULL,
	"strata" integer NOT NULL,
	"registered_at" timestamp with time zone,
	"registered_by" uuid,
	"seed" integer,
	"assignment" jsonb,
	"assigned_at" timestamp with time zone,
	"assigned_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiments_starts_on_is_month" CHECK (extract(day from "experiments"."starts_on") = 1),
	CONSTRAINT "experiments_windows" CHECK ("experiments"."baseline_months" between 1 and 24 and "experiments"."outcome_months" between 1 and 24),
	CONSTRAINT "experiments_strata" CHECK ("experiments"."strata" between 1 and 5),
	CONSTRAINT "experiments_assigned_after_registration" CHECK (("experiments"."seed" is null) = ("experiments"."assignment" is null) and ("experiments"."seed" is null) = ("experiments"."assigned_at" is null) and ("experiments"."seed" is null or "experiments"."registered_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experiments_org_idx" ON "experiments" USING btree ("org_id","created_at");--> statement-breakpoint
-- Pre-registration means nobody changes what was registered: once registered_at
-- is set, the registered columns are refused, and the assignment (seed, units'
-- arms, time) can be written once and never again.
CREATE FUNCTION refuse_registered_experiment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.registered_at IS NULL THEN
    RETURN NEW;
  END IF;
  IF (NEW.org_id, NEW.title, NEW.initiative, NEW.hypothesis, NEW.unit_kind, NEW.eligible, NEW.outcome_kind, NEW.outcome, NEW.starts_on, NEW.baseline_months, NEW.outcome_months, NEW.analysis, NEW.strata, NEW.registered_at)
     IS DISTINCT FROM (OLD.org_id, OLD.title, OLD.initiative, OLD.hypothesis, OLD.unit_kind, OLD.eligible, OLD.outcome_kind, OLD.outcome, OLD.starts_on, OLD.baseline_months, OLD.outcome_months, OLD.analysis, OLD.strata, OLD.registered_at) THEN
    RAISE EXCEPTION 'a registered experiment cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.seed IS NOT NULL AND (NEW.seed, NEW.assignment, NEW.assigned_at) IS DISTINCT FROM (OLD.seed, OLD.assignment, OLD.assigned_at) THEN
    RAISE EXCEPTION 'an experiment is assigned once' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER experiments_registration_is_locked
  BEFORE UPDATE ON experiments
  FOR EACH ROW EXECUTE FUNCTION refuse_registered_experiment_change();

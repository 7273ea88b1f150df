CREATE TYPE "public"."attendance_status" AS ENUM('present', 'excused', 'absent');--> statement-breakpoint
CREATE TYPE "public"."continue_vote" AS ENUM('continue', 'stop');--> statement-breakpoint
CREATE TYPE "public"."continue_vote_rule" AS ENUM('majority_of_votes', 'majority_of_members');--> statement-breakpoint
CREATE TYPE "public"."conversion_status" AS ENUM('open', 'converted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."cycle_state" AS ENUM('planned', 'running', 'evaluating', 'continued', 'ended');--> statement-breakpoint
ALTER TYPE "public"."group_role" ADD VALUE 'facilitator';--> statement-breakpoint
CREATE TABLE "cohort_members" (
	"cohort_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"enrolled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_members_cohort_id_user_id_pk" PRIMARY KEY("cohort_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"meetings_per_cycle" integer DEFAULT 6 NOT NULL,
	"interval_months" integer DEFAULT 1 NOT NULL,
	"meeting_minutes" integer DEFAULT 90 NOT NULL,
	"group_size_min" integer DEFAULT 5 NOT NULL,
	"group_size_max" integer DEFAULT 8 NOT NULL,
	"alumni_threshold" integer DEFAULT 4 NOT NULL,
	"handover_from_meeting" integer DEFAULT 4 NOT NULL,
	"time_zone" text NOT NULL,
	"created_by" uuid,
	"sponsorship_ended_at" timestamp with time zone,
	"sponsorship_ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_goals" (
	"cycle_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"text" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"progress" integer,
	"what_helped" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rated_at" timestamp with time zone,
	CONSTRAINT "cycle_goals_cycle_id_user_id_pk" PRIMARY KEY("cycle_id","user_id"),
	CONSTRAINT "cycle_goals_progress" CHECK ("cycle_goals"."progress" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "cycle_meetings" (
	"reunion_id" uuid PRIMARY KEY NOT NULL,
	"cycle_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"host_id" uuid,
	"module_confirmed_by" uuid,
	"module_confirmed_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"wrap_up_sent_at" timestamp with time zone,
	"host_rating" integer,
	"recap" text DEFAULT '' NOT NULL,
	"recap_sent_at" timestamp with time zone,
	"attendance_confirmed_at" timestamp with time zone,
	CONSTRAINT "cycle_meetings_host_rating" CHECK ("cycle_meetings"."host_rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "cycle_votes" (
	"cycle_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"vote" "continue_vote" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycle_votes_cycle_id_user_id_pk" PRIMARY KEY("cycle_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"state" "cycle_state" DEFAULT 'planned' NOT NULL,
	"meetings_planned" integer NOT NULL,
	"group_goal" text DEFAULT '' NOT NULL,
	"concerns" text DEFAULT '' NOT NULL,
	"group_goal_rating" integer,
	"group_goal_note" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone,
	"vote_opened_at" timestamp with time zone,
	"vote_closes_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"outcome" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycles_group_goal_rating" CHECK ("cycles"."group_goal_rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "group_conversion_answers" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"consent" boolean NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_conversion_answers_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "group_conversions" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"status" "conversion_status" DEFAULT 'open' NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"reunion_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "attendance_status" NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evaluation_asked_at" timestamp with time zone,
	"evaluation_reminded_at" timestamp with time zone,
	CONSTRAINT "meeting_attendance_reunion_id_user_id_pk" PRIMARY KEY("reunion_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_evaluation_receipts" (
	"reunion_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "meeting_evaluation_receipts_reunion_id_user_id_pk" PRIMARY KEY("reunion_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reunion_id" uuid NOT NULL,
	"usefulness" integer NOT NULL,
	"safety" integer NOT NULL,
	"will_try" boolean NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "meeting_evaluations_scores" CHECK ("meeting_evaluations"."usefulness" between 1 and 5 and "meeting_evaluations"."safety" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "meeting_module_votes" (
	"reunion_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_module_votes_reunion_id_user_id_pk" PRIMARY KEY("reunion_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "cohort_id" uuid;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "continue_vote_rule" "continue_vote_rule" DEFAULT 'majority_of_votes' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "continue_vote_quorum_percent" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "continue_vote_window_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "demo_data" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "takeaways" ADD COLUMN "meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "takeaways" ADD COLUMN "follow_up" "action_follow_up";--> statement-breakpoint
ALTER TABLE "takeaways" ADD COLUMN "followed_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "manager_id" uuid;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_enrolled_by_users_id_fk" FOREIGN KEY ("enrolled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_sponsorship_ended_by_users_id_fk" FOREIGN KEY ("sponsorship_ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_goals" ADD CONSTRAINT "cycle_goals_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_goals" ADD CONSTRAINT "cycle_goals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_meetings" ADD CONSTRAINT "cycle_meetings_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_meetings" ADD CONSTRAINT "cycle_meetings_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_meetings" ADD CONSTRAINT "cycle_meetings_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_meetings" ADD CONSTRAINT "cycle_meetings_module_confirmed_by_users_id_fk" FOREIGN KEY ("module_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_votes" ADD CONSTRAINT "cycle_votes_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_votes" ADD CONSTRAINT "cycle_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_conversion_answers" ADD CONSTRAINT "group_conversion_answers_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_conversion_answers" ADD CONSTRAINT "group_conversion_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_conversions" ADD CONSTRAINT "group_conversions_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluation_receipts" ADD CONSTRAINT "meeting_evaluation_receipts_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluation_receipts" ADD CONSTRAINT "meeting_evaluation_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_evaluations" ADD CONSTRAINT "meeting_evaluations_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_module_votes" ADD CONSTRAINT "meeting_module_votes_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_module_votes" ADD CONSTRAINT "meeting_module_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_module_votes" ADD CONSTRAINT "meeting_module_votes_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_members_user_idx" ON "cohort_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cohorts_org_idx" ON "cohorts" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cohorts_org_name_idx" ON "cohorts" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "cycle_meetings_number_idx" ON "cycle_meetings" USING btree ("cycle_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "cycles_group_number_idx" ON "cycles" USING btree ("group_id","number");--> statement-breakpoint
CREATE INDEX "cycles_state_idx" ON "cycles" USING btree ("state");--> statement-breakpoint
CREATE INDEX "meeting_attendance_user_idx" ON "meeting_attendance" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_evaluations_reunion_idx" ON "meeting_evaluations" USING btree ("reunion_id");--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takeaways" ADD CONSTRAINT "takeaways_meeting_id_reunions_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."reunions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "groups_cohort_idx" ON "groups" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "takeaways_meeting_idx" ON "takeaways" USING btree ("meeting_id");
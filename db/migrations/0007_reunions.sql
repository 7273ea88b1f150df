CREATE TYPE "public"."proceedings_visibility" AS ENUM('audience', 'organisation', 'everyone');--> statement-breakpoint
CREATE TYPE "public"."reunion_audience_kind" AS ENUM('group', 'organisation', 'person');--> statement-breakpoint
CREATE TYPE "public"."reunion_format" AS ENUM('classic', 'open_space');--> statement-breakpoint
CREATE TYPE "public"."reunion_status" AS ENUM('polling', 'scheduled', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."rsvp_answer" AS ENUM('going', 'maybe', 'not_going');--> statement-breakpoint
CREATE TYPE "public"."slot_answer" AS ENUM('yes', 'if_need_be', 'no');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "open_space_interest" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "open_space_interest_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "open_space_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reunion_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_space_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reunion_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"convener_id" uuid,
	"room_id" uuid,
	"time_slot_id" uuid,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_space_time_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reunion_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reunion_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reunion_id" uuid NOT NULL,
	"kind" "reunion_audience_kind" NOT NULL,
	"group_id" uuid,
	"org_id" uuid,
	"user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "reunion_rsvps" (
	"reunion_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"answer" "rsvp_answer" NOT NULL,
	"waitlisted_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reunion_rsvps_reunion_id_user_id_pk" PRIMARY KEY("reunion_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reunion_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organiser_id" uuid,
	"interval_months" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reunion_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reunion_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reunions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"organiser_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"format" "reunion_format" DEFAULT 'classic' NOT NULL,
	"status" "reunion_status" DEFAULT 'polling' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"online_url" text,
	"capacity" integer,
	"time_zone" text NOT NULL,
	"poll_deadline" timestamp with time zone,
	"poll_reminded_at" timestamp with time zone,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"sequence" integer DEFAULT 0 NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"series_id" uuid,
	"occurrence" integer,
	"proceedings_visibility" "proceedings_visibility" DEFAULT 'audience' NOT NULL,
	"proceedings_hide_names" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slot_votes" (
	"slot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"answer" "slot_answer" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_votes_slot_id_user_id_pk" PRIMARY KEY("slot_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "origin_session_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_interest" ADD CONSTRAINT "open_space_interest_session_id_open_space_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."open_space_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_interest" ADD CONSTRAINT "open_space_interest_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_rooms" ADD CONSTRAINT "open_space_rooms_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_sessions" ADD CONSTRAINT "open_space_sessions_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_sessions" ADD CONSTRAINT "open_space_sessions_convener_id_users_id_fk" FOREIGN KEY ("convener_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_sessions" ADD CONSTRAINT "open_space_sessions_room_id_open_space_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."open_space_rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_sessions" ADD CONSTRAINT "open_space_sessions_time_slot_id_open_space_time_slots_id_fk" FOREIGN KEY ("time_slot_id") REFERENCES "public"."open_space_time_slots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_space_time_slots" ADD CONSTRAINT "open_space_time_slots_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_audience" ADD CONSTRAINT "reunion_audience_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_audience" ADD CONSTRAINT "reunion_audience_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_audience" ADD CONSTRAINT "reunion_audience_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_audience" ADD CONSTRAINT "reunion_audience_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_rsvps" ADD CONSTRAINT "reunion_rsvps_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_rsvps" ADD CONSTRAINT "reunion_rsvps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_series" ADD CONSTRAINT "reunion_series_organiser_id_users_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunion_slots" ADD CONSTRAINT "reunion_slots_reunion_id_reunions_id_fk" FOREIGN KEY ("reunion_id") REFERENCES "public"."reunions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunions" ADD CONSTRAINT "reunions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunions" ADD CONSTRAINT "reunions_organiser_id_users_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reunions" ADD CONSTRAINT "reunions_series_id_reunion_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."reunion_series"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_votes" ADD CONSTRAINT "slot_votes_slot_id_reunion_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reunion_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_votes" ADD CONSTRAINT "slot_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open_space_sessions_reunion_idx" ON "open_space_sessions" USING btree ("reunion_id");--> statement-breakpoint
CREATE INDEX "reunion_audience_reunion_idx" ON "reunion_audience" USING btree ("reunion_id");--> statement-breakpoint
CREATE INDEX "reunion_rsvps_user_idx" ON "reunion_rsvps" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reunion_slots_reunion_idx" ON "reunion_slots" USING btree ("reunion_id","starts_at");--> statement-breakpoint
CREATE INDEX "reunions_org_idx" ON "reunions" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "reunions_starts_idx" ON "reunions" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "reunions_series_idx" ON "reunions" USING btree ("series_id","occurrence");
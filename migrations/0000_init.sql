CREATE TABLE `chunks` (
	`session_id` text NOT NULL,
	`seq` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`bytes` integer NOT NULL,
	`raw_bytes` integer NOT NULL,
	`event_count` integer NOT NULL,
	`has_full_snapshot` integer NOT NULL,
	`storage_key` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `deletion_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`session_id` text,
	`requested_by` text NOT NULL,
	`source` text NOT NULL,
	`requested_at` integer NOT NULL,
	`completed_at` integer,
	`sessions_erased` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deletion_requests_pending` ON `deletion_requests` (`completed_at`,`requested_at`);--> statement-breakpoint
CREATE TABLE `erased_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`erased_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `erased_sessions_at` ON `erased_sessions` (`erased_at`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`minute` integer NOT NULL,
	`name` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`value` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`minute`, `name`, `label`)
);
--> statement-breakpoint
CREATE TABLE `ops_state` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `session_keys` (
	`session_id` text PRIMARY KEY NOT NULL,
	`wrapped_key` text NOT NULL,
	`master_key_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`bytes` integer DEFAULT 0 NOT NULL,
	`event_count` integer DEFAULT 0 NOT NULL,
	`chunk_count` integer DEFAULT 0 NOT NULL,
	`meta` text DEFAULT '{}' NOT NULL,
	`last_url` text,
	`storage_key` text NOT NULL,
	`kept_from_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`last_chunk_at` integer,
	`erased_at` integer
);
--> statement-breakpoint
CREATE INDEX `sessions_user_started` ON `sessions` (`user_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_started` ON `sessions` (`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_ended` ON `sessions` (`ended_at`);--> statement-breakpoint
CREATE INDEX `sessions_erased` ON `sessions` (`erased_at`);
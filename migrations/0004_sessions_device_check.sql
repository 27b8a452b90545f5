PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_sessions` (
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
	`erased_at` integer,
	`device` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sessions_device_code" CHECK("__new_sessions"."device" BETWEEN 0 AND 3)
);
--> statement-breakpoint
INSERT INTO `__new_sessions`("id", "user_id", "started_at", "ended_at", "bytes", "event_count", "chunk_count", "meta", "last_url", "storage_key", "kept_from_seq", "created_at", "last_chunk_at", "erased_at", "device") SELECT "id", "user_id", "started_at", "ended_at", "bytes", "event_count", "chunk_count", "meta", "last_url", "storage_key", "kept_from_seq", "created_at", "last_chunk_at", "erased_at", "device" FROM `sessions`;--> statement-breakpoint
DROP TABLE `sessions`;--> statement-breakpoint
ALTER TABLE `__new_sessions` RENAME TO `sessions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `sessions_device_started` ON `sessions` (`device`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_user_started` ON `sessions` (`user_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_started` ON `sessions` (`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_ended` ON `sessions` (`ended_at`);--> statement-breakpoint
CREATE INDEX `sessions_last_chunk` ON `sessions` (`last_chunk_at`);--> statement-breakpoint
CREATE INDEX `sessions_erased` ON `sessions` (`erased_at`);
CREATE TABLE `heatmap_cells` (
	`page_url` text NOT NULL,
	`span` integer NOT NULL,
	`bucket_start` integer NOT NULL,
	`device` integer NOT NULL,
	`cell_x` integer NOT NULL,
	`cell_y` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`page_url`, `span`, `bucket_start`, `device`, `cell_x`, `cell_y`)
);
--> statement-breakpoint
CREATE TABLE `heatmap_pages` (
	`page_url` text PRIMARY KEY NOT NULL,
	`clicks` integer NOT NULL,
	`last_click_at` integer NOT NULL,
	`sample_session_id` text
);
--> statement-breakpoint
CREATE INDEX `heatmap_pages_clicks` ON `heatmap_pages` (`clicks`);--> statement-breakpoint
CREATE TABLE `session_insights` (
	`session_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` integer NOT NULL,
	`x` integer NOT NULL,
	`y` integer NOT NULL,
	`label` text,
	`clicks` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`session_id`, `at`, `type`)
);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `rage_clicks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `dead_clicks` integer DEFAULT 0 NOT NULL;
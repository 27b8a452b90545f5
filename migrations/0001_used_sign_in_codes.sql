CREATE TABLE `used_sign_in_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`used_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `used_sign_in_codes_expires` ON `used_sign_in_codes` (`expires_at`);
CREATE TABLE `dispute_photos` (
	`order_id` bigint unsigned NOT NULL,
	`mime` varchar(40) NOT NULL,
	`data` mediumblob NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `dispute_photos_order_id` PRIMARY KEY(`order_id`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` varchar(32) NOT NULL,
	`title` varchar(200) NOT NULL,
	`body` varchar(500),
	`href` varchar(200),
	`dedupe_key` varchar(80),
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`),
	CONSTRAINT `notifications_dedupe_uq` UNIQUE(`user_id`,`dedupe_key`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `dispute_category` varchar(32);--> statement-breakpoint
ALTER TABLE `orders` ADD `dispute_response` varchar(1000);--> statement-breakpoint
ALTER TABLE `orders` ADD `dispute_responded_at` datetime(3);--> statement-breakpoint
ALTER TABLE `orders` ADD `admin_note` varchar(500);--> statement-breakpoint
ALTER TABLE `orders` ADD `used_at` datetime(3);--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `notifications_user_ix` ON `notifications` (`user_id`,`read_at`,`id`);
CREATE TABLE `dispute_photos` (
	`order_id` bigint unsigned NOT NULL,
	`mime` varchar(40) NOT NULL,
	`data` mediumblob NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `dispute_photos_order_id` PRIMARY KEY(`order_id`)
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `dispute_category` varchar(32);--> statement-breakpoint
ALTER TABLE `orders` ADD `dispute_response` varchar(1000);--> statement-breakpoint
ALTER TABLE `orders` ADD `dispute_responded_at` datetime(3);--> statement-breakpoint
ALTER TABLE `orders` ADD `admin_note` varchar(500);
CREATE TABLE `admin_audit` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`admin_id` bigint unsigned NOT NULL,
	`action` varchar(40) NOT NULL,
	`target_type` varchar(20) NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`reason` varchar(500),
	`detail` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `admin_audit_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `test_provider_charges` (
	`idem_key` varchar(80) NOT NULL,
	`ref` varchar(80) NOT NULL,
	`amount` int NOT NULL,
	`card_last4` varchar(4) NOT NULL,
	`status` enum('succeeded','declined') NOT NULL,
	`reason` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `test_provider_charges_idem_key` PRIMARY KEY(`idem_key`)
);
--> statement-breakpoint
ALTER TABLE `payments` DROP INDEX `payments_provider_ref_uq`;--> statement-breakpoint
ALTER TABLE `payments` MODIFY COLUMN `provider_ref` varchar(80);--> statement-breakpoint
ALTER TABLE `payments` MODIFY COLUMN `status` enum('pending','succeeded','failed') NOT NULL DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE `coupons` ADD `audience` enum('public','issued') DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE `coupons` ADD `max_claims` int;--> statement-breakpoint
ALTER TABLE `coupons` ADD `claimed_count` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `payout_held` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `provider_key` varchar(80);--> statement-breakpoint
UPDATE `payments` SET `provider_key` = `provider_ref`;--> statement-breakpoint
ALTER TABLE `payments` MODIFY COLUMN `provider_key` varchar(80) NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `failure_reason` varchar(200);--> statement-breakpoint
ALTER TABLE `payments` ADD `updated_at` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `session_version` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `withdrawals` ADD `account_cipher` varbinary(255) NOT NULL;--> statement-breakpoint
ALTER TABLE `withdrawals` ADD `processed_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_provider_key_uq` UNIQUE(`provider`,`provider_key`);--> statement-breakpoint
ALTER TABLE `admin_audit` ADD CONSTRAINT `admin_audit_admin_id_users_id_fk` FOREIGN KEY (`admin_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `admin_audit_created_ix` ON `admin_audit` (`created_at`);--> statement-breakpoint
CREATE INDEX `admin_audit_target_ix` ON `admin_audit` (`target_type`,`target_id`);--> statement-breakpoint
ALTER TABLE `coupons` ADD CONSTRAINT `coupons_claims_ck` CHECK (`coupons`.`max_claims` IS NULL OR `coupons`.`claimed_count` <= `coupons`.`max_claims`);--> statement-breakpoint
CREATE INDEX `payments_pending_ix` ON `payments` (`status`,`created_at`);
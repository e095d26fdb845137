CREATE TABLE `bids` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`buyer_id` bigint unsigned NOT NULL,
	`price` int NOT NULL,
	`deadline` datetime(3) NOT NULL,
	`status` enum('active','filled','cancelled','expired') NOT NULL DEFAULT 'active',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `bids_id` PRIMARY KEY(`id`),
	CONSTRAINT `bids_price_ck` CHECK(`bids`.`price` > 0)
);
--> statement-breakpoint
CREATE TABLE `brands` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slug` varchar(40) NOT NULL,
	`name` varchar(60) NOT NULL,
	`name_en` varchar(60) NOT NULL,
	`category` enum('cafe','convenience','chicken','bakery','icecream','burger','pizza','dessert','movie','giftcard') NOT NULL,
	`color` varchar(7) NOT NULL DEFAULT '#64748b',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `brands_id` PRIMARY KEY(`id`),
	CONSTRAINT `brands_slug_uq` UNIQUE(`slug`)
);
--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`code` varchar(32) NOT NULL,
	`name` varchar(60) NOT NULL,
	`kind` enum('amount','percent') NOT NULL,
	`value` int NOT NULL,
	`min_price` int NOT NULL DEFAULT 0,
	`max_discount` int,
	`valid_until` datetime(3) NOT NULL,
	`active` boolean NOT NULL DEFAULT true,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupons_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupons_code_uq` UNIQUE(`code`),
	CONSTRAINT `coupons_value_ck` CHECK(`coupons`.`value` > 0)
);
--> statement-breakpoint
CREATE TABLE `gifticon_images` (
	`gifticon_id` bigint unsigned NOT NULL,
	`mime` varchar(40) NOT NULL,
	`data` mediumblob NOT NULL,
	CONSTRAINT `gifticon_images_gifticon_id` PRIMARY KEY(`gifticon_id`)
);
--> statement-breakpoint
CREATE TABLE `gifticons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`owner_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`code_cipher` varbinary(255) NOT NULL,
	`code_hmac` binary(32) NOT NULL,
	`code_lock` binary(32),
	`code_last4` varchar(4) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`has_image` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `gifticons_id` PRIMARY KEY(`id`),
	CONSTRAINT `gifticons_code_lock_uq` UNIQUE(`code_lock`)
);
--> statement-breakpoint
CREATE TABLE `heartbeats` (
	`source` varchar(64) NOT NULL,
	`ts` datetime(6) NOT NULL,
	CONSTRAINT `heartbeats_source` PRIMARY KEY(`source`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` bigint unsigned NOT NULL,
	`idem_key` varchar(100) NOT NULL,
	`scope` varchar(40) NOT NULL,
	`request_hash` varchar(64) NOT NULL,
	`response` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `idempotency_keys_user_id_idem_key_pk` PRIMARY KEY(`user_id`,`idem_key`)
);
--> statement-breakpoint
CREATE TABLE `likes` (
	`user_id` bigint unsigned NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `likes_user_id_product_id_pk` PRIMARY KEY(`user_id`,`product_id`)
);
--> statement-breakpoint
CREATE TABLE `listings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`product_id` bigint unsigned NOT NULL,
	`seller_id` bigint unsigned NOT NULL,
	`gifticon_id` bigint unsigned NOT NULL,
	`price` int NOT NULL,
	`deadline` datetime(3) NOT NULL,
	`status` enum('on_sale','sold','cancelled','expired') NOT NULL DEFAULT 'on_sale',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `listings_id` PRIMARY KEY(`id`),
	CONSTRAINT `listings_gifticon_uq` UNIQUE(`gifticon_id`),
	CONSTRAINT `listings_price_ck` CHECK(`listings`.`price` > 0)
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`listing_id` bigint unsigned NOT NULL,
	`bid_id` bigint unsigned,
	`product_id` bigint unsigned NOT NULL,
	`buyer_id` bigint unsigned NOT NULL,
	`seller_id` bigint unsigned NOT NULL,
	`price` int NOT NULL,
	`discount` int NOT NULL DEFAULT 0,
	`paid` int NOT NULL,
	`user_coupon_id` bigint unsigned,
	`status` enum('paid','disputed','completed','refunded') NOT NULL DEFAULT 'paid',
	`confirm_due_at` datetime(3) NOT NULL,
	`dispute_reason` varchar(500),
	`resolved_by` bigint unsigned,
	`completed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `orders_id` PRIMARY KEY(`id`),
	CONSTRAINT `orders_listing_uq` UNIQUE(`listing_id`),
	CONSTRAINT `orders_bid_uq` UNIQUE(`bid_id`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`provider` varchar(20) NOT NULL,
	`provider_ref` varchar(80) NOT NULL,
	`amount` int NOT NULL,
	`status` enum('succeeded','failed') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `payments_provider_ref_uq` UNIQUE(`provider`,`provider_ref`)
);
--> statement-breakpoint
CREATE TABLE `point_ledger` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` enum('top_up','hold','release','purchase','sale','refund','withdrawal','withdrawal_reverted') NOT NULL,
	`points_delta` int NOT NULL,
	`held_delta` int NOT NULL DEFAULT 0,
	`points_after` int NOT NULL,
	`held_after` int NOT NULL,
	`ref_type` enum('order','bid','payment','withdrawal'),
	`ref_id` bigint unsigned,
	`memo` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `point_ledger_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`brand_id` bigint unsigned NOT NULL,
	`name` varchar(100) NOT NULL,
	`name_en` varchar(100) NOT NULL,
	`category` enum('cafe','convenience','chicken','bakery','icecream','burger','pizza','dessert','movie','giftcard') NOT NULL,
	`face_value` int NOT NULL,
	`emoji` varchar(16) NOT NULL DEFAULT '🎁',
	`active` boolean NOT NULL DEFAULT true,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `products_id` PRIMARY KEY(`id`),
	CONSTRAINT `products_face_value_ck` CHECK(`products`.`face_value` > 0)
);
--> statement-breakpoint
CREATE TABLE `user_coupons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`coupon_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`used_order_id` bigint unsigned,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `user_coupons_id` PRIMARY KEY(`id`),
	CONSTRAINT `user_coupons_uq` UNIQUE(`coupon_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`email` varchar(254) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`nickname` varchar(20) NOT NULL,
	`role` enum('user','admin') NOT NULL DEFAULT 'user',
	`status` enum('active','suspended') NOT NULL DEFAULT 'active',
	`points` int NOT NULL DEFAULT 0,
	`held_points` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`),
	CONSTRAINT `users_nickname_uq` UNIQUE(`nickname`),
	CONSTRAINT `users_points_ck` CHECK(`users`.`points` >= 0 AND `users`.`held_points` >= 0)
);
--> statement-breakpoint
CREATE TABLE `withdrawals` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`amount` int NOT NULL,
	`bank_name` varchar(40) NOT NULL,
	`account_masked` varchar(40) NOT NULL,
	`status` enum('requested','paid','rejected') NOT NULL DEFAULT 'requested',
	`processed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `withdrawals_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `bids` ADD CONSTRAINT `bids_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bids` ADD CONSTRAINT `bids_buyer_id_users_id_fk` FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `coupons` ADD CONSTRAINT `coupons_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `gifticon_images` ADD CONSTRAINT `gifticon_images_gifticon_id_gifticons_id_fk` FOREIGN KEY (`gifticon_id`) REFERENCES `gifticons`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `gifticons` ADD CONSTRAINT `gifticons_owner_id_users_id_fk` FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `gifticons` ADD CONSTRAINT `gifticons_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `likes` ADD CONSTRAINT `likes_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `likes` ADD CONSTRAINT `likes_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `listings` ADD CONSTRAINT `listings_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `listings` ADD CONSTRAINT `listings_seller_id_users_id_fk` FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `listings` ADD CONSTRAINT `listings_gifticon_id_gifticons_id_fk` FOREIGN KEY (`gifticon_id`) REFERENCES `gifticons`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_listing_id_listings_id_fk` FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_bid_id_bids_id_fk` FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_product_id_products_id_fk` FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_buyer_id_users_id_fk` FOREIGN KEY (`buyer_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `orders` ADD CONSTRAINT `orders_seller_id_users_id_fk` FOREIGN KEY (`seller_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `point_ledger` ADD CONSTRAINT `point_ledger_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `products` ADD CONSTRAINT `products_brand_id_brands_id_fk` FOREIGN KEY (`brand_id`) REFERENCES `brands`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `user_coupons` ADD CONSTRAINT `user_coupons_coupon_id_coupons_id_fk` FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `user_coupons` ADD CONSTRAINT `user_coupons_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `withdrawals` ADD CONSTRAINT `withdrawals_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `bids_book_ix` ON `bids` (`product_id`,`status`,`price`,`id`);--> statement-breakpoint
CREATE INDEX `bids_buyer_ix` ON `bids` (`buyer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bids_deadline_ix` ON `bids` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `brands_category_ix` ON `brands` (`category`);--> statement-breakpoint
CREATE INDEX `gifticons_hmac_ix` ON `gifticons` (`code_hmac`);--> statement-breakpoint
CREATE INDEX `likes_product_ix` ON `likes` (`product_id`);--> statement-breakpoint
CREATE INDEX `listings_book_ix` ON `listings` (`product_id`,`status`,`price`,`id`);--> statement-breakpoint
CREATE INDEX `listings_feed_ix` ON `listings` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `listings_seller_ix` ON `listings` (`seller_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `listings_deadline_ix` ON `listings` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `orders_product_ix` ON `orders` (`product_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_buyer_ix` ON `orders` (`buyer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_seller_ix` ON `orders` (`seller_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_due_ix` ON `orders` (`status`,`confirm_due_at`);--> statement-breakpoint
CREATE INDEX `payments_user_ix` ON `payments` (`user_id`);--> statement-breakpoint
CREATE INDEX `point_ledger_user_ix` ON `point_ledger` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `products_brand_ix` ON `products` (`brand_id`);--> statement-breakpoint
CREATE INDEX `products_category_ix` ON `products` (`category`);--> statement-breakpoint
CREATE INDEX `user_coupons_user_ix` ON `user_coupons` (`user_id`);--> statement-breakpoint
CREATE INDEX `withdrawals_user_ix` ON `withdrawals` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `withdrawals_status_ix` ON `withdrawals` (`status`);
-- Which users' own pages a write touches (lib/accounts/own-views.ts). Each trigger appends tokens
-- "<view><user id>[:<row id>]," to the session variable @gx_touched: L = the user's listings, B = their bids,
-- O = their orders, M = their account row, P = their point ledger, W = their withdrawals (the last three
-- with the row's id, 0 for a deleted row). lib/write/touches.ts reads it at the end of every command's
-- transaction: it publishes the rows of M, P and W as they are now, and raises the fence of every other
-- touched view that the command did not describe with a delta, so a cached own page can never miss a
-- change, whichever code made it. With binlog_format=ROW the replicas do not run these triggers (they
-- apply the rows), and the variable never leaves the primary's session.
CREATE TRIGGER `own_listings_ai` AFTER INSERT ON `listings` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'L', NEW.seller_id, ',');--> statement-breakpoint
CREATE TRIGGER `own_listings_au` AFTER UPDATE ON `listings` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'L', NEW.seller_id, ',', 'L', OLD.seller_id, ',');--> statement-breakpoint
CREATE TRIGGER `own_listings_ad` AFTER DELETE ON `listings` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'L', OLD.seller_id, ',');--> statement-breakpoint
CREATE TRIGGER `own_bids_ai` AFTER INSERT ON `bids` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'B', NEW.buyer_id, ',');--> statement-breakpoint
CREATE TRIGGER `own_bids_au` AFTER UPDATE ON `bids` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'B', NEW.buyer_id, ',', 'B', OLD.buyer_id, ',');--> statement-breakpoint
CREATE TRIGGER `own_bids_ad` AFTER DELETE ON `bids` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'B', OLD.buyer_id, ',');--> statement-breakpoint
-- An order shows on both parties' order lists, and its id on the listing (seller) and the bid (buyer).
CREATE TRIGGER `own_orders_ai` AFTER INSERT ON `orders` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'O', NEW.buyer_id, ',', 'O', NEW.seller_id, ',',
    IF(NEW.listing_id IS NULL, '', CONCAT('L', NEW.seller_id, ',')), IF(NEW.bid_id IS NULL, '', CONCAT('B', NEW.buyer_id, ',')));--> statement-breakpoint
CREATE TRIGGER `own_orders_au` AFTER UPDATE ON `orders` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'O', NEW.buyer_id, ',', 'O', NEW.seller_id, ',', 'O', OLD.buyer_id, ',', 'O', OLD.seller_id, ',',
    IF(NEW.listing_id <=> OLD.listing_id AND NEW.seller_id <=> OLD.seller_id, '', CONCAT('L', NEW.seller_id, ',', 'L', OLD.seller_id, ',')),
    IF(NEW.bid_id <=> OLD.bid_id AND NEW.buyer_id <=> OLD.buyer_id, '', CONCAT('B', NEW.buyer_id, ',', 'B', OLD.buyer_id, ',')));--> statement-breakpoint
CREATE TRIGGER `own_orders_ad` AFTER DELETE ON `orders` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'O', OLD.buyer_id, ',', 'O', OLD.seller_id, ',', 'L', OLD.seller_id, ',', 'B', OLD.buyer_id, ',');--> statement-breakpoint
-- A voucher's last digits and validity show on the listings made of it.
CREATE TRIGGER `own_gifticons_au` AFTER UPDATE ON `gifticons` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''),
    IF(NEW.code_last4 <=> OLD.code_last4 AND NEW.expires_at <=> OLD.expires_at, '',
      COALESCE((SELECT GROUP_CONCAT(DISTINCT CONCAT('L', l.seller_id, ',') SEPARATOR '') FROM listings l WHERE l.gifticon_id = NEW.id), '')));--> statement-breakpoint
CREATE TRIGGER `own_gifticons_ad` AFTER DELETE ON `gifticons` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''),
    COALESCE((SELECT GROUP_CONCAT(DISTINCT CONCAT('L', l.seller_id, ',') SEPARATOR '') FROM listings l WHERE l.gifticon_id = OLD.id), ''));--> statement-breakpoint
CREATE TRIGGER `own_users_ai` AFTER INSERT ON `users` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'M', NEW.id, ':', NEW.id, ',');--> statement-breakpoint
CREATE TRIGGER `own_users_au` AFTER UPDATE ON `users` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'M', NEW.id, ':', NEW.id, ',');--> statement-breakpoint
CREATE TRIGGER `own_users_ad` AFTER DELETE ON `users` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'M', OLD.id, ':0,');--> statement-breakpoint
CREATE TRIGGER `own_point_ledger_ai` AFTER INSERT ON `point_ledger` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'P', NEW.user_id, ':', NEW.id, ',');--> statement-breakpoint
CREATE TRIGGER `own_point_ledger_au` AFTER UPDATE ON `point_ledger` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'P', NEW.user_id, ':', NEW.id, ',', IF(NEW.user_id <=> OLD.user_id, '', CONCAT('P', OLD.user_id, ':0,')));--> statement-breakpoint
CREATE TRIGGER `own_point_ledger_ad` AFTER DELETE ON `point_ledger` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'P', OLD.user_id, ':0,');--> statement-breakpoint
CREATE TRIGGER `own_withdrawals_ai` AFTER INSERT ON `withdrawals` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'W', NEW.user_id, ':', NEW.id, ',');--> statement-breakpoint
CREATE TRIGGER `own_withdrawals_au` AFTER UPDATE ON `withdrawals` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'W', NEW.user_id, ':', NEW.id, ',', IF(NEW.user_id <=> OLD.user_id, '', CONCAT('W', OLD.user_id, ':0,')));--> statement-breakpoint
CREATE TRIGGER `own_withdrawals_ad` AFTER DELETE ON `withdrawals` FOR EACH ROW
  SET @gx_touched = CONCAT(COALESCE(@gx_touched, ''), 'W', OLD.user_id, ':0,');

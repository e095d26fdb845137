import type { RedisClusterType } from "redis";

export function slotSuffix(key: string): string;
export function clusterMode(): boolean;
export function clusterNodeUrls(raw?: string): string[];
export function createClusterClient(urls: string[], defaults: object): RedisClusterType;
export function keySlot(key: string): number;

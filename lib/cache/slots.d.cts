export function slotSuffix(key: string): string;
export function clusterMode(): boolean;
export function keySlot(key: string): number;

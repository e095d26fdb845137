// The product's picture: its emoji on the brand's colour (the catalog has no photos to license).
export function ProductTile({ emoji, color, size = "md", label }: { emoji: string; color: string; size?: "sm" | "md" | "lg"; label?: string }) {
  // Only the attributes that apply: an undefined prop still costs its name in React's payload, per card.
  const a11y = label ? { role: "img", "aria-label": label } : { "aria-hidden": true };
  return (
    <div
      {...a11y}
      className={`tile tile-${size}`}
      style={{ background: `linear-gradient(135deg, ${color}22, ${color}55)` }}
    >
      <span>{emoji}</span>
    </div>
  );
}

"use client";

// A <select> in a GET form that applies itself when changed (the form's own button does it without JavaScript).
export function AutoSubmitSelect(props: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} onChange={(e) => e.currentTarget.form?.requestSubmit()} />;
}

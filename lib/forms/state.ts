// The state a form's server action hands back to useActionState (lib/forms/action.ts makes it). Shared by
// the server (actions) and the client (form components), so no server-only imports here.

export type FormState = {
  /** null before the first submit; false after an error; true after a success that stayed on the page. */
  ok: boolean | null;
  /** One sentence for the whole form (the error, or what was done). */
  message?: string;
  /** Messages per field name, shown next to that field. */
  fields?: Record<string, string[]>;
  /** What the user typed, echoed back after an error so the form keeps it (never passwords). */
  values?: Record<string, string>;
  /** The error's stable code and the facts that come with it (e.g. price_changed → currentPrice). */
  code?: string;
  details?: Record<string, string | number | boolean | null>;
  /** A stamp per result, so a component can react to a new result even when it repeats the last one. */
  at?: number;
};

export const initialFormState: FormState = { ok: null };

export type FormAction = (prev: FormState, formData: FormData) => Promise<FormState>;

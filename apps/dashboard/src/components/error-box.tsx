import type { ComponentChildren } from "preact";
import { describeError } from "../api.ts";
import type { Loaded } from "../hooks.ts";

export function ErrorBox({ error }: { error: unknown }) {
  return (
    <p class="error" role="alert">
      {describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** An answer's three states: the error, a loading line, or the data. */
export function Show<T>(props: { state: Loaded<T>; what: string; children(data: T): ComponentChildren }) {
  if (props.state.error) return <ErrorBox error={props.state.error} />;
  if (props.state.data === undefined) return <Loading what={props.what} />;
  return <>{props.children(props.state.data)}</>;
}

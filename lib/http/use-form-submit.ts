"use client";

import { useState, type FormEvent } from "react";
import type { FieldErrors } from "@/lib/core/errors";
import { ApiError } from "./client";

interface Options<T> {
  /** Shown when the failure carries no message of its own. */
  fallbackMessage: string;
  /** After a successful submit. Return "navigating" to keep the form pending while the page changes. */
  onSuccess?: (result: T, form: HTMLFormElement) => void | "navigating";
  /** Where a message that belongs to no field goes; by default `error`, for an inline alert. */
  onError?: (message: string, error: unknown) => void;
}

/**
 * The state every form that posts to our API has: pending while the request runs, field errors
 * from a 400 (shown under their fields), any other failure as one message.
 */
export function useFormSubmit<T>(submit: (data: FormData, form: HTMLFormElement) => Promise<T>, { fallbackMessage, onSuccess, onError }: Options<T>) {
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setFields({});
    setError(undefined);
    try {
      const result = await submit(new FormData(form), form);
      if (onSuccess?.(result, form) !== "navigating") setPending(false);
    } catch (caught) {
      setPending(false);
      if (caught instanceof ApiError && caught.fields) {
        setFields(caught.fields);
        return;
      }
      const message = caught instanceof Error ? caught.message : fallbackMessage;
      if (onError) onError(message, caught);
      else setError(message);
    }
  }

  return { onSubmit, pending, fields, error };
}

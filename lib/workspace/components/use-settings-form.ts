"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiError, apiFetch } from "@/lib/http/client";
import { useFormSubmit } from "@/lib/http/use-form-submit";

export const SETTINGS_CONFLICT = "Someone changed the settings while you were editing: the page now shows their values.";

/**
 * One setting's form on the settings page (the spec threshold, the loop limit). It sends the
 * settings version the page was rendered with; when someone else saved in the meantime the server
 * refuses it (409), and the form says so under itself and reloads the page's data, so that the
 * fields show the values that are really in force.
 */
export function useSettingsForm({
  workspace,
  field,
  saved,
  version,
  savedMessage,
}: {
  workspace: string;
  field: "specThreshold" | "loopLimit";
  /** The value in force, as the page was rendered. */
  saved: number;
  /** The settings version the page was rendered with. */
  version: number;
  savedMessage: string;
}) {
  const router = useRouter();
  const [value, setValue] = useState(String(saved));
  const [conflict, setConflict] = useState<string>();
  // When the page's data changes (after a save or a refused one), show the value in force.
  const [shown, setShown] = useState(saved);
  if (shown !== saved) {
    setShown(saved);
    setValue(String(saved));
  }
  const { onSubmit, pending, fields } = useFormSubmit(
    () => {
      setConflict(undefined);
      return apiFetch(`/api/w/${workspace}/settings`, { method: "PATCH", body: { [field]: Number(value), version } });
    },
    {
      fallbackMessage: "Could not save.",
      onError: (message, error) => {
        if (error instanceof ApiError && error.code === "conflict") {
          setConflict(SETTINGS_CONFLICT);
          router.refresh();
          return;
        }
        toast.error(message);
      },
      onSuccess: () => {
        toast.success(savedMessage);
        router.refresh();
      },
    },
  );
  return { value, setValue, onSubmit, pending, fields, conflict };
}

import { Panel } from "@/components/ui/misc";
import type { DeliveryDetail } from "../data";

interface Delivery {
  id: string;
  event: string;
  action: string | null;
  result: string;
  reason: string | null;
  details: DeliveryDetail[];
  createdAt: string;
}

/** The latest GitHub deliveries and what each did per task key, with the reason for each one ignored. */
export function DeliveryLog({ deliveries }: { deliveries: Delivery[] }) {
  return (
    <Panel title="GitHub deliveries" description="The latest webhook deliveries. A pull request acts only through the board linked to its repository, on Delegate-lane tasks with an agent, past the readiness gate; every other key it names is listed with the reason.">
      {deliveries.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">No deliveries yet. Point a repository&apos;s webhook at the URL above to see them here.</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm" aria-label="GitHub deliveries">
          <thead className="text-xs text-zinc-600 dark:text-zinc-400">
            <tr>
              <th className="py-1 font-medium">When</th>
              <th className="py-1 font-medium">Event</th>
              <th className="py-1 font-medium">Result</th>
              <th className="py-1 font-medium">Tasks</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-800">
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td className="py-1.5 pr-2 text-xs whitespace-nowrap">
                  <time dateTime={d.createdAt}>{new Date(d.createdAt).toLocaleString("en")}</time>
                </td>
                <td className="py-1.5 pr-2 font-mono text-xs">
                  {d.event}
                  {d.action ? `.${d.action}` : ""}
                </td>
                <td className="py-1.5 pr-2 text-xs">{d.result}</td>
                <td className="py-1.5 text-xs">
                  {d.details.length === 0 ? (
                    <span className="text-zinc-600 dark:text-zinc-400">{d.reason ?? "—"}</span>
                  ) : (
                    <ul className="space-y-0.5">
                      {d.details.map((detail) => (
                        <li key={detail.key}>
                          <span className="font-mono">{detail.key}</span> {detail.outcome}
                          {detail.reason && <span className="text-zinc-600 dark:text-zinc-400"> — {detail.reason}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

import { Skeleton } from "@/components/ui/misc";

export function BoardSkeleton() {
  return (
    <div className="p-4" aria-busy="true" aria-label="Loading board">
      <Skeleton className="mb-4 h-8 w-96" />
      {[0, 1, 2].map((lane) => (
        <div key={lane} className="mb-3 grid grid-cols-[7.5rem_repeat(5,minmax(12rem,1fr))] gap-2">
          <Skeleton className="h-6 w-20" />
          {[0, 1, 2, 3, 4].map((cell) => (
            <div key={cell} className="space-y-1.5">
              <Skeleton className="h-16" />
              {lane !== 0 && <Skeleton className="h-16" />}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

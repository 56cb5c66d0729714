-- The card move writes without the cell lock (decision 45): the database itself keeps position
-- keys unique among the live cards of a cell. Keys shared before this (none are expected: writers
-- held the cell lock) are made unique first by suffixing the later cards in id order, which keeps
-- them right after the card they shared the key with.
UPDATE "tasks" t SET "position" = t."position" || repeat('V', (d."n" - 1)::int)
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "board_id", "lane", "status", "position" ORDER BY "id") AS "n"
  FROM "tasks" WHERE "deleted_at" IS NULL
) d
WHERE d."id" = t."id" AND d."n" > 1;

CREATE UNIQUE INDEX "tasks_cell_position" ON "tasks"("board_id", "lane", "status", "position") WHERE "deleted_at" IS NULL;
DROP INDEX "tasks_board_id_lane_status_position_idx";

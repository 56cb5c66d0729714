-- AlterTable
ALTER TABLE "submissions" ADD COLUMN     "additions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "deletions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "files_changed" INTEGER NOT NULL DEFAULT 0;

-- Backfill from the stored diffs: files are "diff --git" lines, additions and deletions the
-- "+" and "-" lines that are not file headers.
UPDATE "submissions" SET
  "files_changed" = (SELECT count(*) FROM regexp_matches("diff", '^diff --git ', 'gn')),
  "additions" = (SELECT count(*) FROM regexp_matches("diff", '^\+(?!\+\+ )', 'gn')),
  "deletions" = (SELECT count(*) FROM regexp_matches("diff", '^-(?!-- )', 'gn'))
WHERE "diff" <> '';

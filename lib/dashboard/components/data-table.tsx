import { td, th } from "./table";

export interface Column<Row> {
  header: string;
  /** The cell; the first column is the row's name (text, wraps), the rest figures (tabular numbers). */
  cell: (row: Row) => React.ReactNode;
  /** A tooltip for the cell, e.g. how many rows a mean is over. */
  title?: (row: Row) => string;
}

/**
 * The table under each chart (or alone): what screen readers, tests and a reader who wants the
 * exact number use. Says `empty` instead when there are no rows.
 */
export function DataTable<Row>({ rows, columns, rowKey, label, caption, empty, className = "" }: {
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  label?: string;
  caption?: string;
  empty?: string;
  className?: string;
}) {
  if (rows.length === 0 && empty) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <table aria-label={label} className={`w-full text-sm ${className}`}>
      {caption && <caption className="pb-1 text-left text-xs font-semibold">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} className={th}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column, index) => (
              <td key={column.header} className={index === 0 ? "py-1 pr-3 break-words" : td} title={column.title?.(row)}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

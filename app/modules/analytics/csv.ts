/**
 * CSV for spreadsheets (RFC 4180). A cell that begins with = + - @ (or a tab or carriage return)
 * would run as a formula in Excel or Sheets: it is prefixed with an apostrophe, so it stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Streams the header and rows as CSV (a byte-order mark first, so Excel reads UTF-8: Vietnamese stays readable). */
export function csvStream(header: readonly string[], rows: Iterable<readonly string[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.iterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      // A batch of rows per pull keeps memory flat for long tables without a chunk per line.
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

/**
 * CSV for auditors (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break). A text field a spreadsheet would read as a formula (starting with
 * =, +, - or @ and not a number) is prefixed with an apostrophe.
 */

export type CsvValue = string | number | bigint | boolean | null | undefined | readonly string[];

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = Array.isArray(value) ? value.join(" ") : String(value);
  if (/^[=+\-@]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: the header line, then one line per row (each as long as the header). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(field).join(",")];
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(`toCsv: a row has ${row.length} fields, the header ${header.length}`);
    lines.push(row.map(field).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

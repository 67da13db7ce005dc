// R2 as PDF: the printable report page, printed by Chromium. Only the Electron shell has a Chromium
// to print with (webContents.printToPDF), so it hands the core a printer; browser mode and plain
// Node have none and offer the HTML page instead (the browser's print dialog saves it as PDF).
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** The paper the report is laid out for: Electron's printToPDF uses it, and so do the tests that print it in Chromium. */
export const reportPaper = { pageSize: 'A4', printBackground: true } as const;

export const pdfUnavailable =
  'PDF needs the desktop app, which prints the report itself; here export the printable report page (HTML) and save it as PDF from the print dialog';

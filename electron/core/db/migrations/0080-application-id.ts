// Marks the file as a Call Console database (SQLite's application_id header field), so a foreign
// SQLite file given by mistake (another program's data, a copied-in file) is refused at open
// instead of being migrated into a console database (db/open.ts).
export const APPLICATION_ID = 0x43434f4e; // "CCON"

export const sql = /* sql */ `PRAGMA application_id = ${APPLICATION_ID};`;

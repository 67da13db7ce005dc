// The desk the catch-up kill test SIGKILLs: one sync round on a file (a desk joining its team),
// printing "pulled <n>" after each applied slice.
import { openDatabase } from '../../electron/core/db/open';
import { syncOnce } from '../../electron/core/sync/engine';
import { readConnectionFile } from '../../electron/core/sync/pg-connect';

const [dbFile, connFile] = process.argv.slice(2);
if (!dbFile || !connFile) throw new Error('usage: sync-catchup-child <dbFile> <connectionFile>');

const db = openDatabase(dbFile);
syncOnce(db, readConnectionFile(connFile), { onProgress: (p) => process.stdout.write(`pulled ${p.pulled}\n`) }).then(
  () => process.stdout.write('done\n'),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);

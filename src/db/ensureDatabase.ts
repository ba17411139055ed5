// A database the stack definition names is created on first use, as a server developer would with
// `createdb`; an existing one is left as it is.
import pg from 'pg';

const DUPLICATE_DATABASE = '42P04';

export async function ensureDatabase(clusterUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: unknown) => {
      // Two workers may create it at once.
      if ((e as { code?: string }).code !== DUPLICATE_DATABASE) throw e;
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

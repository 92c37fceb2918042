import { loadConfig } from './platform/config.js';
import { drainOnSignals, engineOf, prepareDatabase, runServer } from './start.js';

// One server process: migrate, seed the demo on an empty database, serve. Several processes: cluster.ts.
const config = loadConfig();
await prepareDatabase(config);
const server = await runServer(config);
console.log(`ejournal: http://localhost:${config.port} (${engineOf(config.databaseUrl)})`);
drainOnSignals(server);

import type { CatalogueTables } from './catalogue-tables.js';
import type { AuthTables } from './auth-tables.js';
import type { ApplicationTables } from './application-tables.js';
import type { OfficerTables } from './officer-tables.js';
import type { QueueTables } from './queue-tables.js';
import type { FleetTables } from './fleet-tables.js';

/** The whole portal database, one interface per feature merged here. */
export interface PortalDb extends CatalogueTables, AuthTables, ApplicationTables, OfficerTables, FleetTables, QueueTables {}

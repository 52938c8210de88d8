import type { Generated } from 'kysely';

export interface CatalogueTables {
  procedures: {
    code: string;
    /** The whole ProcedureSchema record as JSON. */
    record: string;
    /** sha256 of `record`, to bump the version only on real change. */
    record_hash: string;
    /** Catalogue version at which this row last changed. */
    version: number;
    /** 1 when withdrawn: kept so incremental sync can report it as removed. */
    removed: number;
    updated_at: string;
  };
  agencies: {
    code: string;
    name: string;
    level: string;
  };
  catalogue_meta: {
    id: Generated<number>;
    version: number;
  };
}

import {
  GeneratedNode,
  OperationNodeTransformer,
  type ColumnDefinitionNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
} from 'kysely';

/** A plugin that rewrites each query with one transformer and leaves results alone. */
function transformerPlugin(transformer: OperationNodeTransformer): KyselyPlugin {
  return {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => transformer.transformNode(args.node),
    transformResult: (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => Promise.resolve(args.result),
  };
}

class DropRowLocks extends OperationNodeTransformer {
  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const out = super.transformSelectQuery(node);
    const kept = out.endModifiers?.filter((m) => m.modifier !== 'ForUpdate');
    return { ...out, endModifiers: kept };
  }
}

/**
 * Queries take row locks with `.forUpdate()` so PostgreSQL serialises what
 * must not race (officer actions, attempt counters). SQLite has no row locks
 * and needs none: Kysely's SQLite driver runs one transaction at a time on
 * its single connection. So the clause is dropped there instead of every
 * query asking which database it runs on.
 */
export const sqliteWithoutRowLocks = (): KyselyPlugin => transformerPlugin(new DropRowLocks());

class IdentityColumns extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node);
    if (!out.autoIncrement) return out;
    return { ...out, autoIncrement: false, generated: GeneratedNode.create({ identity: true, byDefault: true }) };
  }
}

/**
 * The migrations are written once, in SQLite's terms, and must not change
 * after they ship. PostgreSQL has no AUTOINCREMENT: the same column becomes
 * an identity column there ("by default", so an explicit id still inserts,
 * as in SQLite). Every other column type the migrations use (integer, text)
 * means the same on both.
 */
export const postgresIdentityColumns = (): KyselyPlugin => transformerPlugin(new IdentityColumns());

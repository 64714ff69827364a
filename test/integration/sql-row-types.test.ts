// Row types are written by hand beside the SQL (`db.query<Row>(sql)`), so this test checks them against
// the database itself: every query whose SQL is a literal is described by PostgreSQL (PGlite's
// describeQuery: parsed and planned against the migrated schema, not run), and the columns it returns
// must be exactly the row type's properties, with compatible types. A misspelt column, a missing alias
// or a number typed as a string fails here rather than at run time.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import ts from 'typescript';
import type { Database, Queryable } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

interface FoundQuery {
  where: string;
  sql: string;
  columns: Map<string, string[]> | null;
}

/** The TypeScript kinds a property may hold, null and undefined aside: 'string', 'number', 'boolean', 'Date', 'array', 'other'. */
function kindsOf(type: ts.Type, checker: ts.TypeChecker): string[] {
  const parts = type.isUnion() ? type.types : [type];
  const kinds = new Set<string>();
  for (const t of parts) {
    const f = t.getFlags();
    if (f & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
    if (f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) kinds.add('string');
    else if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) kinds.add('number');
    else if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) kinds.add('boolean');
    else if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) kinds.add('any');
    else if (checker.isArrayType(t) || checker.isTupleType(t)) kinds.add('array');
    else if (checker.typeToString(t) === 'Date') kinds.add('Date');
    else kinds.add('other');
  }
  return [...kinds];
}

function findQueries(): FoundQuery[] {
  const files = sourceFiles(path.join(ROOT, 'src'));
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const found: FoundQuery[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query') {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          const where = `${path.relative(ROOT, file)}:${line + 1}`;
          let columns: Map<string, string[]> | null = null;
          const typeArg = node.typeArguments?.[0];
          if (typeArg) {
            const type = checker.getTypeFromTypeNode(typeArg);
            const props = checker.getPropertiesOfType(type);
            // An index signature (Record<string, unknown>) says nothing to check.
            if (props.length > 0 && !type.getStringIndexType()) {
              columns = new Map(props.map((p) => [p.name, kindsOf(checker.getTypeOfSymbolAtLocation(p, typeArg), checker)]));
            }
          }
          found.push({ where, sql: first.text, columns });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

// PostgreSQL type OIDs, as the drivers deliver them (src/db/database.ts: dates stay text, bigint becomes a number).
const KIND_OF_OID: Record<number, string[]> = {
  16: ['boolean'],
  20: ['number'],
  21: ['number'],
  23: ['number'],
  700: ['number'],
  701: ['number'],
  1700: ['number', 'string'],
  25: ['string'],
  1043: ['string'],
  1042: ['string'],
  18: ['string'],
  19: ['string'],
  2950: ['string'],
  1082: ['string'],
  1083: ['string'],
  1114: ['Date', 'string'],
  1184: ['Date', 'string'],
  1186: ['string', 'other'],
  17: ['other'],
  114: ['any', 'other', 'array', 'string', 'number', 'boolean'],
  3802: ['any', 'other', 'array', 'string', 'number', 'boolean'],
  26: ['number'],
  705: ['string'],
};
const isArrayOid = (oid: number) => [1000, 1005, 1007, 1016, 1009, 1015, 2951, 1182, 1115, 1185, 3807, 199, 1021, 1022].includes(oid);

describe('hand-written row types agree with the SQL', () => {
  let db: PGlite;
  const queries = findQueries();

  before(async () => {
    db = await PGlite.create('memory://');
    // The real migrations, through the real migrator (which also makes its own table), on a bare PGlite we can describe with.
    const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
      query: async <T>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params)).rows,
      exec: async (sql: string) => void (await q.exec(sql)),
    });
    const database: Database = { engine: 'pglite', ...wrap(db), transaction: (_ctx, fn) => db.transaction((t) => fn(wrap(t))), close: () => db.close() };
    await migrate(database);
  });
  after(() => db.close());

  it('finds the queries to check', () => {
    assert.ok(queries.length > 200, `only ${queries.length} literal queries found`);
    console.log(`# ${queries.length} queries with literal SQL, ${queries.filter((q) => q.columns).length} of them with a row type`);
  });

  it("every literal SQL statement is valid against the schema, and returns exactly its row type's columns", async () => {
    const problems: string[] = [];
    for (const q of queries) {
      let fields: { name: string; dataTypeID: number }[];
      try {
        fields = (await db.describeQuery(q.sql)).resultFields;
      } catch (err) {
        // A script of several statements cannot be described; it is run only by migrations and tests.
        if (/cannot insert multiple commands/.test((err as Error).message)) continue;
        problems.push(`${q.where}: ${(err as Error).message}`);
        continue;
      }
      if (!q.columns) continue;
      const names = new Set(fields.map((f) => f.name));
      for (const f of fields) {
        const expected = q.columns.get(f.name);
        if (!expected) {
          problems.push(`${q.where}: the SQL returns "${f.name}", which the row type does not have`);
          continue;
        }
        if (expected.includes('any') || expected.includes('other')) continue;
        const delivered = isArrayOid(f.dataTypeID) ? ['array'] : KIND_OF_OID[f.dataTypeID];
        if (!delivered) continue;
        if (!expected.some((k) => delivered.includes(k))) {
          problems.push(`${q.where}: "${f.name}" is typed ${expected.join(' | ')} but PostgreSQL returns type ${f.dataTypeID} (${delivered.join(' or ')})`);
        }
      }
      for (const name of q.columns.keys()) if (!names.has(name)) problems.push(`${q.where}: the row type has "${name}", which the SQL does not return`);
    }
    assert.deepEqual(problems, []);
  });
});

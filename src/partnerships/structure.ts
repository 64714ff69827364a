// The structure of the partnership landscape (boards and their sub-groups) as at a date,
// and the comparison of two dates. Pure functions over already-loaded rows.
import { isActiveAt, nameAt, statusAt, type LifecycleEventLike, type PartnershipStatus } from './lifecycle.ts';

export interface StructurePartnership {
  id: string;
  name: string;
  kind: string;
  subgroupType: string | null;
  events: LifecycleEventLike[];
}

export interface ReportingLine {
  partnershipId: string;
  parentId: string;
  startDate: string | null;
  endDate: string | null;
}

export interface StructureNode {
  id: string;
  name: string;
  kind: string;
  subgroupType: string | null;
  status: PartnershipStatus;
  children: StructureNode[];
}

const lineCovers = (line: ReportingLine, asAt: string) =>
  (line.startDate === null || line.startDate <= asAt) && (line.endDate === null || line.endDate >= asAt);

/**
 * The tree of partnerships active on `asAt`. A partnership hangs under the board it reported
 * to that day, if that board was itself active; otherwise it stands at the top level.
 */
export function structureAt(partnerships: readonly StructurePartnership[], lines: readonly ReportingLine[], asAt: string): StructureNode[] {
  const active = new Map<string, StructureNode>();
  for (const p of partnerships) {
    if (!isActiveAt(p.events, asAt)) continue;
    active.set(p.id, {
      id: p.id,
      name: nameAt(p.name, p.events, asAt),
      kind: p.kind,
      subgroupType: p.subgroupType,
      status: statusAt(p.events, asAt),
      children: [],
    });
  }
  const parentOf = new Map<string, string>();
  for (const line of lines) {
    if (lineCovers(line, asAt) && active.has(line.partnershipId) && active.has(line.parentId)) {
      parentOf.set(line.partnershipId, line.parentId);
    }
  }
  // A cycle in the data (A under B under A) must not hide both: break it at the first repeat.
  const roots: StructureNode[] = [];
  for (const [id, node] of active) {
    const parentId = parentOf.get(id);
    if (parentId && !reachesSelf(id, parentOf)) active.get(parentId)!.children.push(node);
    else roots.push(node);
  }
  const sortTree = (nodes: StructureNode[]) => {
    nodes.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    nodes.forEach((n) => sortTree(n.children));
  };
  sortTree(roots);
  return roots;
}

function reachesSelf(id: string, parentOf: Map<string, string>): boolean {
  const seen = new Set<string>();
  let current = parentOf.get(id);
  while (current) {
    if (current === id) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = parentOf.get(current);
  }
  return false;
}

export function countNodes(nodes: readonly StructureNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countNodes(n.children), 0);
}

function flatten(nodes: readonly StructureNode[], into = new Map<string, StructureNode>()) {
  for (const n of nodes) {
    into.set(n.id, n);
    flatten(n.children, into);
  }
  return into;
}

export interface LandscapeComparison {
  /** Active on the later date only. */
  added: string[];
  /** Active on the earlier date only. */
  removed: string[];
  /** Active on both. */
  continuing: string[];
  /** Active on both but under a different parent (or none). */
  moved: string[];
}

export function compareStructures(earlier: readonly StructureNode[], later: readonly StructureNode[]): LandscapeComparison {
  const a = flatten(earlier);
  const b = flatten(later);
  const parentMap = (roots: readonly StructureNode[]) => {
    const map = new Map<string, string | null>();
    const walk = (nodes: readonly StructureNode[], parent: string | null) =>
      nodes.forEach((n) => {
        map.set(n.id, parent);
        walk(n.children, n.id);
      });
    walk(roots, null);
    return map;
  };
  const pa = parentMap(earlier);
  const pb = parentMap(later);
  const continuing = [...a.keys()].filter((id) => b.has(id));
  return {
    added: [...b.keys()].filter((id) => !a.has(id)),
    removed: [...a.keys()].filter((id) => !b.has(id)),
    continuing,
    moved: continuing.filter((id) => pa.get(id) !== pb.get(id)),
  };
}

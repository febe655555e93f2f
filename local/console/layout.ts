import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { AslGraph, GraphEdge } from './asl-graph';

export type Point = { x: number; y: number };
export type PlacedState = { name: string; type: string; x: number; y: number; width: number; height: number };
export type PlacedEdge = GraphEdge & { points: Point[]; labelAt?: Point };
export type GraphLayout = { width: number; height: number; states: PlacedState[]; edges: PlacedEdge[] };

const elk = new ELK();
const CHAR_WIDTH = 7.5;
const STATE_HEIGHT = 34;

/**
 * Lays a state machine's graph out top to bottom with ELK's layered algorithm (elkjs): boxes sized
 * to their names, edges routed orthogonally around them with their labels placed. Retry edges
 * (a state to itself) are left to the drawing: ELK would give them a loop each and widen the graph.
 */
export async function layoutGraph(graph: AslGraph): Promise<GraphLayout> {
  const routed = graph.edges.filter((edge) => edge.kind !== 'retry');
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '42',
      'elk.spacing.nodeNode': '36',
      'elk.edgeLabels.inline': 'false',
    },
    children: graph.states.map((state) => ({ id: state.name, width: Math.max(110, state.name.length * CHAR_WIDTH + 28), height: STATE_HEIGHT })),
    edges: routed.map((edge, index): ElkExtendedEdge => ({
      id: `e${index}`,
      sources: [edge.from],
      targets: [edge.to],
      ...(edge.label ? { labels: [{ text: edge.label, width: edge.label.length * 6, height: 12 }] } : {}),
    })),
  };
  const laid = await elk.layout(root);
  const placed = new Map((laid.children ?? []).map((child) => [child.id, child]));
  const states = graph.states.map((state) => {
    const box = placed.get(state.name);
    return { ...state, x: box?.x ?? 0, y: box?.y ?? 0, width: box?.width ?? 0, height: box?.height ?? 0 };
  });
  const laidEdges = (laid.edges ?? []) as ElkExtendedEdge[];
  const edges: PlacedEdge[] = routed.map((edge, index) => {
    const section = laidEdges[index]?.sections?.[0];
    const label = laidEdges[index]?.labels?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    return { ...edge, points, ...(label?.x !== undefined && label.y !== undefined ? { labelAt: { x: label.x, y: label.y } } : {}) };
  });
  // A retry is drawn as a loop on the state's right side.
  for (const edge of graph.edges.filter((e) => e.kind === 'retry')) {
    const state = states.find((s) => s.name === edge.from);
    if (!state) continue;
    const right = state.x + state.width;
    const top = state.y + 8;
    const bottom = state.y + state.height - 8;
    edges.push({ ...edge, points: [{ x: right, y: top }, { x: right + 18, y: top }, { x: right + 18, y: bottom }, { x: right, y: bottom }], labelAt: { x: right + 22, y: top } });
  }
  return { width: (laid.width ?? 0) + 260, height: laid.height ?? 0, states, edges };
}

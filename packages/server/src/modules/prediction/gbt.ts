import { sigmoid } from './calibration';

/**
 * Gradient-boosted regression trees for the log loss, histogram style (as LightGBM and
 * scikit-learn's HistGradientBoosting): each column is cut into at most `maxBins` quantile bins,
 * unknown values (NaN) get their own bin and each split learns which side they go to. Trees grow
 * level by level to `maxDepth`; leaves take the Newton step -G/(H+λ), shrunk by the learning rate.
 * Boosting stops when the validation log loss has not improved for `patience` rounds.
 */

export type TreeNode = {
  /** Column index, -1 for a leaf. */
  feature: number;
  /** Go left when value <= threshold. */
  threshold: number;
  missingLeft: boolean;
  left: number;
  right: number;
  /** Shrunk Newton value of the node (used by leaves for scoring and by all nodes for explanations). */
  value: number;
};

export type GbtModel = { kind: 'gbt'; baseMargin: number; trees: TreeNode[][]; columns: number };

export type GbtOptions = {
  maxBins?: number;
  maxDepth?: number;
  learningRate?: number;
  maxRounds?: number;
  minSamplesLeaf?: number;
  minHessianLeaf?: number;
  l2?: number;
  patience?: number;
};

const DEFAULTS: Required<GbtOptions> = {
  maxBins: 64,
  maxDepth: 4,
  learningRate: 0.05,
  maxRounds: 600,
  minSamplesLeaf: 40,
  minHessianLeaf: 1,
  l2: 1,
  patience: 40,
};

type Binned = { bins: Uint8Array; edges: number[][]; missingBin: number };

function binColumns(rows: readonly number[][], maxBins: number): Binned {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const missingBin = maxBins;
  const bins = new Uint8Array(n * p);
  const edges: number[][] = [];
  for (let f = 0; f < p; f++) {
    const values: number[] = [];
    for (const r of rows) {
      const v = r[f] as number;
      if (!Number.isNaN(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    const distinct: number[] = [];
    for (const v of values)
      if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
    let e: number[];
    if (distinct.length <= maxBins) e = distinct.slice(0, -1);
    else {
      e = [];
      for (let k = 1; k < maxBins; k++) {
        const q = values[Math.floor((k * values.length) / maxBins)] as number;
        if (e.length === 0 || (e[e.length - 1] as number) < q) e.push(q);
      }
      // Quantile edges may coincide with the maximum; an edge at the maximum splits nothing.
      while (e.length > 0 && (e[e.length - 1] as number) >= (distinct[distinct.length - 1] as number))
        e.pop();
    }
    edges.push(e);
    for (let i = 0; i < n; i++) {
      const v = (rows[i] as number[])[f] as number;
      if (Number.isNaN(v)) {
        bins[f * n + i] = missingBin;
        continue;
      }
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((e[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      bins[f * n + i] = lo;
    }
  }
  return { bins, edges, missingBin };
}

type Split = { feature: number; bin: number; missingLeft: boolean; gain: number };

export function fitGbt(
  rows: readonly number[][],
  labels: ArrayLike<number>,
  validation: { rows: readonly number[][]; labels: ArrayLike<number> } | null,
  options: GbtOptions = {},
  onRound?: (round: number, maxRounds: number) => void,
): GbtModel {
  const o = { ...DEFAULTS, ...options };
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const { bins, edges, missingBin } = binColumns(rows, o.maxBins);
  const nb = missingBin + 1;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] as number;
  const base = Math.min(1 - 1e-6, Math.max(1e-6, pos / n));
  const baseMargin = Math.log(base / (1 - base));
  const margin = new Float64Array(n).fill(baseMargin);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const validMargin = validation ? new Float64Array(validation.rows.length).fill(baseMargin) : null;
  const trees: TreeNode[][] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRounds = 0;
  const histG = new Float64Array(p * nb);
  const histH = new Float64Array(p * nb);
  const histC = new Int32Array(p * nb);

  const leafValue = (G: number, H: number) => (-G / (H + o.l2)) * o.learningRate;

  for (let round = 0; round < o.maxRounds; round++) {
    for (let i = 0; i < n; i++) {
      const pr = sigmoid(margin[i] as number);
      g[i] = pr - (labels[i] as number);
      h[i] = Math.max(pr * (1 - pr), 1e-12);
    }
    const nodes: TreeNode[] = [];
    let frontier: { node: number; idx: Int32Array; G: number; H: number }[] = [];
    const all = new Int32Array(n);
    let G0 = 0;
    let H0 = 0;
    for (let i = 0; i < n; i++) {
      all[i] = i;
      G0 += g[i] as number;
      H0 += h[i] as number;
    }
    nodes.push({
      feature: -1,
      threshold: 0,
      missingLeft: false,
      left: -1,
      right: -1,
      value: leafValue(G0, H0),
    });
    frontier.push({ node: 0, idx: all, G: G0, H: H0 });
    for (let depth = 0; depth < o.maxDepth && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const leaf of frontier) {
        if (leaf.idx.length < 2 * o.minSamplesLeaf) continue;
        histG.fill(0);
        histH.fill(0);
        histC.fill(0);
        for (let f = 0; f < p; f++) {
          const off = f * n;
          const hOff = f * nb;
          for (const i of leaf.idx) {
            const k = hOff + (bins[off + i] as number);
            histG[k] = (histG[k] as number) + (g[i] as number);
            histH[k] = (histH[k] as number) + (h[i] as number);
            histC[k] = (histC[k] as number) + 1;
          }
        }
        const parentScore = (leaf.G * leaf.G) / (leaf.H + o.l2);
        let best: Split | null = null;
        for (let f = 0; f < p; f++) {
          const hOff = f * nb;
          const mG = histG[hOff + missingBin] as number;
          const mH = histH[hOff + missingBin] as number;
          const mC = histC[hOff + missingBin] as number;
          const lastBin = (edges[f] as number[]).length;
          let gl = 0;
          let hl = 0;
          let cl = 0;
          for (let k = 0; k < lastBin; k++) {
            gl += histG[hOff + k] as number;
            hl += histH[hOff + k] as number;
            cl += histC[hOff + k] as number;
            for (const missingLeft of mC > 0 ? [false, true] : [false]) {
              const GL = missingLeft ? gl + mG : gl;
              const HL = missingLeft ? hl + mH : hl;
              const CL = missingLeft ? cl + mC : cl;
              const CR = leaf.idx.length - CL;
              const HR = leaf.H - HL;
              if (CL < o.minSamplesLeaf || CR < o.minSamplesLeaf) continue;
              if (HL < o.minHessianLeaf || HR < o.minHessianLeaf) continue;
              const GR = leaf.G - GL;
              const gain = (GL * GL) / (HL + o.l2) + (GR * GR) / (HR + o.l2) - parentScore;
              if (gain > 1e-9 && (!best || gain > best.gain))
                best = { feature: f, bin: k, missingLeft, gain };
            }
          }
        }
        if (!best) continue;
        const off = best.feature * n;
        const leftIdx: number[] = [];
        const rightIdx: number[] = [];
        let GL = 0;
        let HL = 0;
        for (const i of leaf.idx) {
          const bin = bins[off + i] as number;
          const goLeft = bin === missingBin ? best.missingLeft : bin <= best.bin;
          if (goLeft) {
            leftIdx.push(i);
            GL += g[i] as number;
            HL += h[i] as number;
          } else rightIdx.push(i);
        }
        const GR = leaf.G - GL;
        const HR = leaf.H - HL;
        const node = nodes[leaf.node] as TreeNode;
        node.feature = best.feature;
        node.threshold = (edges[best.feature] as number[])[best.bin] as number;
        node.missingLeft = best.missingLeft;
        node.left = nodes.length;
        nodes.push({
          feature: -1,
          threshold: 0,
          missingLeft: false,
          left: -1,
          right: -1,
          value: leafValue(GL, HL),
        });
        node.right = nodes.length;
        nodes.push({
          feature: -1,
          threshold: 0,
          missingLeft: false,
          left: -1,
          right: -1,
          value: leafValue(GR, HR),
        });
        next.push({ node: node.left, idx: Int32Array.from(leftIdx), G: GL, H: HL });
        next.push({ node: node.right, idx: Int32Array.from(rightIdx), G: GR, H: HR });
      }
      frontier = next;
    }
    trees.push(nodes);
    for (let i = 0; i < n; i++) margin[i] = (margin[i] as number) + treeValue(nodes, rows[i] as number[]);
    onRound?.(round + 1, o.maxRounds);
    if (validation && validMargin) {
      let loss = 0;
      for (let i = 0; i < validation.rows.length; i++) {
        validMargin[i] = (validMargin[i] as number) + treeValue(nodes, validation.rows[i] as number[]);
        const pr = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(validMargin[i] as number)));
        loss -= validation.labels[i] === 1 ? Math.log(pr) : Math.log(1 - pr);
      }
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestRounds = trees.length;
      } else if (trees.length - bestRounds >= o.patience) break;
    } else bestRounds = trees.length;
  }
  return { kind: 'gbt', baseMargin, trees: trees.slice(0, bestRounds), columns: p };
}

function goesLeft(node: TreeNode, v: number): boolean {
  return Number.isNaN(v) ? node.missingLeft : v <= node.threshold;
}

function treeValue(nodes: readonly TreeNode[], row: readonly number[]): number {
  let k = 0;
  for (;;) {
    const node = nodes[k] as TreeNode;
    if (node.feature < 0) return node.value;
    k = goesLeft(node, row[node.feature] as number) ? node.left : node.right;
  }
}

export function gbtMargin(m: GbtModel, row: readonly number[]): number {
  let z = m.baseMargin;
  for (const t of m.trees) z += treeValue(t, row);
  return z;
}

/**
 * Per-column contributions to the margin by path attribution (Saabas): along each tree's path, the
 * change of node value at a split is credited to the split's column. Contributions plus the
 * base value (sum of root values) add up to the margin.
 */
export function gbtContributions(m: GbtModel, row: readonly number[]): number[] {
  const out = new Array<number>(m.columns).fill(0);
  for (const t of m.trees) {
    let k = 0;
    for (;;) {
      const node = t[k] as TreeNode;
      if (node.feature < 0) break;
      const child = goesLeft(node, row[node.feature] as number) ? node.left : node.right;
      out[node.feature] = (out[node.feature] as number) + (t[child] as TreeNode).value - node.value;
      k = child;
    }
  }
  return out;
}

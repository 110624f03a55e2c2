import { Text } from '@mantine/core';

export type TCalibrationPoint = { meanPredicted: number; observedRate: number; count: number };

const SIZE = 240;
const PAD = 32;
/** Room on the left for the tick labels and, left of them, the rotated axis title. */
const PAD_LEFT = 46;

/**
 * Reliability diagram as plain SVG (no chart library is a dependency of the web app, and ten points
 * on a diagonal do not need one): predicted probability against observed no-show rate, point area
 * by group size.
 */
export function CalibrationPlot({
  points,
  labels,
}: {
  points: readonly TCalibrationPoint[];
  labels: { predicted: string; observed: string; title: string };
}) {
  const max = Math.min(1, Math.max(0.1, ...points.flatMap((p) => [p.meanPredicted, p.observedRate])) * 1.1);
  const x = (v: number) => PAD_LEFT + (v / max) * (SIZE - PAD_LEFT - PAD);
  const y = (v: number) => SIZE - PAD - (v / max) * (SIZE - 2 * PAD);
  const largest = Math.max(1, ...points.map((p) => p.count));
  const ticks = [0, max / 2, max];
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={labels.title}>
      <title>{labels.title}</title>
      <line
        x1={x(0)}
        y1={y(0)}
        x2={x(max)}
        y2={y(max)}
        stroke="var(--mantine-color-gray-4)"
        strokeDasharray="4 4"
      />
      <line x1={x(0)} y1={y(0)} x2={x(max)} y2={y(0)} stroke="var(--mantine-color-gray-6)" />
      <line x1={x(0)} y1={y(0)} x2={x(0)} y2={y(max)} stroke="var(--mantine-color-gray-6)" />
      {ticks.map((v) => (
        <g key={v}>
          <text x={x(v)} y={SIZE - PAD + 14} fontSize={10} textAnchor="middle" fill="currentColor">
            {pct(v)}
          </text>
          <text x={PAD_LEFT - 4} y={y(v) + 3} fontSize={10} textAnchor="end" fill="currentColor">
            {pct(v)}
          </text>
        </g>
      ))}
      <text
        x={(SIZE + PAD_LEFT - PAD) / 2}
        y={SIZE - 4}
        fontSize={11}
        textAnchor="middle"
        fill="currentColor"
      >
        {labels.predicted}
      </text>
      <text
        x={10}
        y={SIZE / 2}
        fontSize={11}
        textAnchor="middle"
        fill="currentColor"
        transform={`rotate(-90 10 ${SIZE / 2})`}
      >
        {labels.observed}
      </text>
      <polyline
        fill="none"
        stroke="var(--mantine-primary-color-filled)"
        strokeWidth={1.5}
        points={points.map((p) => `${x(p.meanPredicted)},${y(p.observedRate)}`).join(' ')}
      />
      {points.map((p) => (
        <circle
          key={`${p.meanPredicted}-${p.observedRate}`}
          cx={x(p.meanPredicted)}
          cy={y(p.observedRate)}
          r={2 + 4 * Math.sqrt(p.count / largest)}
          fill="var(--mantine-primary-color-filled)"
        >
          <title>{`${pct(p.meanPredicted)} → ${pct(p.observedRate)} (${p.count})`}</title>
        </circle>
      ))}
    </svg>
  );
}

export function CalibrationCaption({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed" maw={420}>
      {children}
    </Text>
  );
}

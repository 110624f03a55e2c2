import type { TSessionDiagram } from '@clinia/contracts';
import type { MouseEvent } from 'react';

export type TMapPoint = { x: number; y: number; label: string; selected?: boolean };

const W = 300;
const H = 400;

/** Standard diagrams (outline only, no photo of the client): front and profile face, front and back body. */
function Outline({ diagram }: { diagram: TSessionDiagram }) {
  const stroke = { fill: 'none', stroke: '#6b7280', strokeWidth: 2 } as const;
  if (diagram === 'face_frontal')
    return (
      <g>
        <ellipse cx={150} cy={190} rx={105} ry={145} {...stroke} />
        <path d="M80 135 Q105 120 130 135" {...stroke} />
        <path d="M170 135 Q195 120 220 135" {...stroke} />
        <ellipse cx={105} cy={160} rx={20} ry={9} {...stroke} />
        <ellipse cx={195} cy={160} rx={20} ry={9} {...stroke} />
        <path d="M150 165 L140 230 Q150 238 160 230" {...stroke} />
        <path d="M115 270 Q150 290 185 270" {...stroke} />
        <path d="M45 190 Q35 200 45 230" {...stroke} />
        <path d="M255 190 Q265 200 255 230" {...stroke} />
      </g>
    );
  if (diagram === 'face_perfil')
    return (
      <g>
        <path
          d="M170 45 Q90 45 80 130 Q78 160 70 180 L55 215 Q60 222 72 225 Q70 245 78 255 Q72 262 80 272 Q78 300 100 310 Q130 318 135 340 L200 360 Q230 300 235 240 Q250 160 230 100 Q210 50 170 45 Z"
          {...stroke}
        />
        <path d="M95 150 Q110 140 125 150" {...stroke} />
        <ellipse cx={180} cy={200} rx={18} ry={28} {...stroke} />
      </g>
    );
  if (diagram === 'corpo_frontal' || diagram === 'corpo_posterior')
    return (
      <g>
        <circle cx={150} cy={45} r={28} {...stroke} />
        <path
          d="M150 73 L150 90 M95 100 L205 100 L215 230 L185 230 L180 390 L155 390 L150 250 L145 390 L120 390 L115 230 L85 230 Z"
          {...stroke}
        />
        <path d="M95 100 L60 220 M205 100 L240 220" {...stroke} />
        {diagram === 'corpo_posterior' ? (
          <path d="M150 100 L150 230" {...stroke} strokeDasharray="4 4" />
        ) : null}
      </g>
    );
  return null;
}

/** Tap (or click) to add a point; coordinates are normalised 0–1 on the standard diagram. */
export function FaceMap({
  diagram,
  points,
  onAdd,
  onSelect,
  readOnly,
  label,
}: {
  diagram: TSessionDiagram;
  points: TMapPoint[];
  onAdd?: (x: number, y: number) => void;
  onSelect?: (index: number) => void;
  readOnly?: boolean;
  label: string;
}) {
  const handleClick = (event: MouseEvent<SVGSVGElement>) => {
    if (readOnly || !onAdd) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
    const y = Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height));
    onAdd(Math.round(x * 100_000) / 100_000, Math.round(y * 100_000) / 100_000);
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: points are also added and edited from the list below
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid="face-map"
      data-diagram={diagram}
      onClick={handleClick}
      style={{
        width: '100%',
        maxWidth: 420,
        aspectRatio: `${W} / ${H}`,
        background: '#fafafa',
        borderRadius: 12,
        touchAction: 'manipulation',
        cursor: readOnly ? 'default' : 'crosshair',
      }}
    >
      <Outline diagram={diagram} />
      {points.map((p, index) => (
        // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
        <g
          // biome-ignore lint/suspicious/noArrayIndexKey: points have no id until saved
          key={index}
          role="button"
          tabIndex={0}
          aria-label={p.label}
          data-testid="map-point"
          onClick={(event) => {
            event.stopPropagation();
            onSelect?.(index);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') onSelect?.(index);
          }}
        >
          <circle
            cx={p.x * W}
            cy={p.y * H}
            r={11}
            fill={p.selected ? '#0ca678' : '#e8590c'}
            stroke="#fff"
            strokeWidth={2}
          />
          <text x={p.x * W} y={p.y * H + 4} textAnchor="middle" fontSize={11} fill="#fff" fontWeight={700}>
            {p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}

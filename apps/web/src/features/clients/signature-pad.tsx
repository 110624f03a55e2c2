import { Box, Button, Group, Text } from '@mantine/core';
import { IconEraser } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type TSignaturePadProps = {
  /** Called with a PNG data URL after each stroke, or null when cleared. */
  onChange: (png: string | null) => void;
  label: string;
  height?: number;
};

type TPoint = { x: number; y: number };

/**
 * A drawn signature on a canvas: pointer events (finger, stylus or mouse), captured so a stroke that
 * leaves the box still ends cleanly, drawn at the device pixel ratio so it stays sharp on tablets, with
 * midpoint quadratic curves for a smooth line. The exported PNG has a white background (readable in the
 * PDF and when printed) and is capped in size by the canvas itself.
 */
export function SignaturePad({ onChange, label, height = 200 }: TSignaturePadProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef<{ pointerId: number; last: TPoint; mid: TPoint } | null>(null);
  const [isEmpty, setIsEmpty] = useState(true);

  const context = useCallback(() => canvasRef.current?.getContext('2d') ?? null, []);

  const reset = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = canvas.clientWidth;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.lineWidth = 2.2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1a1b1e';
    setIsEmpty(true);
  }, [context, height]);

  useEffect(() => {
    reset();
  }, [reset]);

  const pointOf = (event: React.PointerEvent<HTMLCanvasElement>): TPoint => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointOf(event);
    drawing.current = { pointerId: event.pointerId, last: point, mid: point };
    const ctx = context();
    if (ctx) {
      // A tap leaves a dot, like a pen would.
      ctx.beginPath();
      ctx.arc(point.x, point.y, ctx.lineWidth / 2, 0, Math.PI * 2);
      ctx.fillStyle = '#1a1b1e';
      ctx.fill();
    }
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const stroke = drawing.current;
    const ctx = context();
    if (!stroke || stroke.pointerId !== event.pointerId || !ctx) return;
    event.preventDefault();
    const point = pointOf(event);
    const mid = { x: (stroke.last.x + point.x) / 2, y: (stroke.last.y + point.y) / 2 };
    ctx.beginPath();
    ctx.moveTo(stroke.mid.x, stroke.mid.y);
    ctx.quadraticCurveTo(stroke.last.x, stroke.last.y, mid.x, mid.y);
    ctx.stroke();
    drawing.current = { pointerId: stroke.pointerId, last: point, mid };
  };

  const onPointerUp = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const stroke = drawing.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    drawing.current = null;
    const ctx = context();
    if (ctx) {
      ctx.beginPath();
      ctx.moveTo(stroke.mid.x, stroke.mid.y);
      ctx.lineTo(stroke.last.x, stroke.last.y);
      ctx.stroke();
    }
    setIsEmpty(false);
    onChange(canvasRef.current?.toDataURL('image/png') ?? null);
  };

  return (
    <Box>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconEraser size={16} />}
          disabled={isEmpty}
          onClick={() => {
            reset();
            onChange(null);
          }}
        >
          {t('clients.signature.clear')}
        </Button>
      </Group>
      <Box
        pos="relative"
        style={{
          border: '1px dashed var(--mantine-color-gray-5)',
          borderRadius: 'var(--mantine-radius-md)',
          overflow: 'hidden',
          background: '#fff',
        }}
      >
        <canvas
          ref={canvasRef}
          data-testid="signature-pad"
          aria-label={label}
          role="img"
          style={{ width: '100%', height, display: 'block', touchAction: 'none', cursor: 'crosshair' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
        {isEmpty ? (
          <Text
            size="sm"
            c="dimmed"
            pos="absolute"
            bottom={12}
            left={0}
            right={0}
            ta="center"
            style={{ pointerEvents: 'none' }}
          >
            {t('clients.signature.hint')}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}

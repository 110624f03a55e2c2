import { formatTime } from '@clinia/ui';
import { Box, Group, Text, Tooltip } from '@mantine/core';
import { type PointerEvent as ReactPointerEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRouterOutputs } from '../../trpc/trpc';
import { RiskBadge, useRiskLabel } from '../prediction/risk-badge';
import { showsBadgeOnCard } from '../prediction/risk-format';
import { MOVABLE_STATUSES, STATUS_STYLE } from './agenda-status';
import { formatMinutes, instantAt, minutesOfDay, snapMinutes } from './agenda-time';

export type TAgendaAppointment = TRouterOutputs['agenda']['week']['appointments'][number];

export type TGridColumn = {
  key: string;
  date: string;
  /** Professional or room id, depending on the view. */
  resourceId: string;
  title: string;
  /** Shown above the title in the week view (the day). */
  group?: string;
  /** Open bands (minutes since local midnight); outside them the column is shaded. */
  openBands: readonly { start: number; end: number }[];
};

export type TGridDrop = {
  appointment: TAgendaAppointment;
  column: TGridColumn;
  startsAt: Date;
};

export type TAgendaGridProps = {
  columns: readonly TGridColumn[];
  appointments: readonly TAgendaAppointment[];
  columnOf: (appointment: TAgendaAppointment) => string;
  timeZone: string;
  startMinutes: number;
  endMinutes: number;
  step: number;
  now: Date;
  today: string;
  canDrag: boolean;
  /** An appointment being saved at a new place: drawn there until the server answers. */
  pending: { id: string; columnKey: string; minutes: number } | null;
  onOpen: (appointment: TAgendaAppointment) => void;
  onDrop: (drop: TGridDrop) => void;
  /** A click on an empty part of a column (to book there). */
  onEmptyClick?: (column: TGridColumn, startsAt: Date) => void;
  dense?: boolean;
};

const PX_PER_MIN = 1.4;
const GUTTER = 56;
const DRAG_THRESHOLD = 5;

type TDrag = {
  id: string;
  pointerId: number;
  startX: number;
  startY: number;
  grabOffsetY: number;
  dx: number;
  dy: number;
  active: boolean;
  target: { column: TGridColumn; minutes: number } | null;
};

/** The time grid: one column per professional (or room, or professional per day in the week view). */
export function AgendaGrid(props: TAgendaGridProps) {
  const { t } = useTranslation();
  const {
    columns,
    columnOf,
    timeZone,
    startMinutes,
    endMinutes,
    step,
    now,
    today,
    pending,
    dense = false,
  } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  // Set when a pointer gesture ended as a drag, so the click the browser fires after it opens nothing.
  const draggedRef = useRef(false);
  const [drag, setDrag] = useState<TDrag | null>(null);
  const height = (endMinutes - startMinutes) * PX_PER_MIN;
  const minColumnWidth = dense ? 96 : 124;
  const hours: number[] = [];
  for (let m = Math.ceil(startMinutes / 60) * 60; m <= endMinutes; m += 60) {
    hours.push(m);
  }
  const nowMinutes = minutesOfDay(now, timeZone);
  const showNow =
    columns.some((c) => c.date === today) && nowMinutes >= startMinutes && nowMinutes <= endMinutes;

  function targetAt(clientX: number, clientY: number, grabOffsetY: number) {
    const body = bodyRef.current;
    if (!body) {
      return null;
    }
    const columnEls = body.querySelectorAll<HTMLElement>('[data-column-key]');
    for (const el of columnEls) {
      const rect = el.getBoundingClientRect();
      if (clientX >= rect.left && clientX < rect.right) {
        const column = columns.find((c) => c.key === el.dataset.columnKey);
        if (!column) {
          return null;
        }
        const raw = startMinutes + (clientY - grabOffsetY - rect.top) / PX_PER_MIN;
        const minutes = Math.max(startMinutes, Math.min(endMinutes - step, snapMinutes(raw, step)));
        return { column, minutes };
      }
    }
    return null;
  }

  function onPointerDown(event: ReactPointerEvent<HTMLDivElement>, appointment: TAgendaAppointment) {
    if (event.button !== 0) {
      return;
    }
    draggedRef.current = false;
    const rect = event.currentTarget.getBoundingClientRect();
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({
      id: appointment.id,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      grabOffsetY: event.clientY - rect.top,
      dx: 0,
      dy: 0,
      active: false,
      target: null,
    });
  }

  function onPointerMove(event: ReactPointerEvent<HTMLDivElement>, appointment: TAgendaAppointment) {
    if (!drag || drag.pointerId !== event.pointerId || drag.id !== appointment.id) {
      return;
    }
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    const movable = props.canDrag && MOVABLE_STATUSES.includes(appointment.status);
    const active = movable && (drag.active || Math.hypot(dx, dy) > DRAG_THRESHOLD);
    setDrag({
      ...drag,
      dx,
      dy,
      active,
      target: active ? targetAt(event.clientX, event.clientY, drag.grabOffsetY) : null,
    });
  }

  function onPointerUp(event: ReactPointerEvent<HTMLDivElement>, appointment: TAgendaAppointment) {
    if (!drag || drag.pointerId !== event.pointerId) {
      return;
    }
    const finished = drag;
    setDrag(null);
    if (!finished.active) {
      // A tap or click opens the appointment on the click event that follows, not here: opening on
      // pointerup let that click land on the drawer's fresh overlay and close it again (lost taps on
      // tablets right after the agenda loaded).
      return;
    }
    draggedRef.current = true;
    const target = targetAt(event.clientX, event.clientY, finished.grabOffsetY);
    if (!target) {
      return;
    }
    const startsAt = instantAt(target.column.date, target.minutes, timeZone);
    if (
      startsAt.getTime() === Date.parse(appointment.startsAt) &&
      target.column.key === columnOf(appointment)
    ) {
      return;
    }
    props.onDrop({ appointment, column: target.column, startsAt });
  }

  return (
    <Box
      style={{
        border: '1px solid var(--mantine-color-stone-2)',
        borderRadius: 'var(--mantine-radius-md)',
        overflow: 'auto',
        maxHeight: 'calc(100dvh - 230px)',
        background: 'var(--mantine-color-white)',
      }}
      data-testid="agenda-grid"
    >
      <Box style={{ minWidth: GUTTER + columns.length * minColumnWidth }}>
        {/* Column headers stay visible while the day scrolls. */}
        <Box
          style={{
            display: 'flex',
            position: 'sticky',
            top: 0,
            zIndex: 3,
            background: 'var(--mantine-color-white)',
            borderBottom: '1px solid var(--mantine-color-stone-2)',
          }}
        >
          <Box style={{ width: GUTTER, flex: 'none' }} />
          {columns.map((column, index) => {
            const firstOfGroup = column.group !== undefined && columns[index - 1]?.group !== column.group;
            return (
              <Box
                key={column.key}
                px={6}
                py={4}
                style={{
                  flex: 1,
                  minWidth: minColumnWidth,
                  borderLeft: firstOfGroup
                    ? '2px solid var(--mantine-color-stone-3)'
                    : '1px solid var(--mantine-color-stone-1)',
                  background: column.date === today ? 'var(--mantine-color-sage-0)' : undefined,
                }}
              >
                {column.group ? (
                  <Text size="xs" c={column.date === today ? 'sage.8' : 'dimmed'} fw={600} truncate="end">
                    {firstOfGroup ? column.group : '\u00a0'}
                  </Text>
                ) : null}
                <Text size="sm" fw={600} truncate="end" title={column.title}>
                  {column.title}
                </Text>
              </Box>
            );
          })}
        </Box>

        <Box ref={bodyRef} style={{ display: 'flex', position: 'relative', height }}>
          {/* Hour gutter */}
          <Box style={{ width: GUTTER, flex: 'none', position: 'relative' }}>
            {hours.map((m) => (
              <Text
                key={m}
                size="xs"
                c="dimmed"
                style={{
                  position: 'absolute',
                  top: Math.max(0, (m - startMinutes) * PX_PER_MIN - 8),
                  right: 8,
                  fontVariantNumeric: 'tabular-nums',
                }}
              >
                {formatMinutes(m)}
              </Text>
            ))}
          </Box>

          {columns.map((column, index) => {
            const firstOfGroup = column.group !== undefined && columns[index - 1]?.group !== column.group;
            return (
              <Box
                key={column.key}
                data-column-key={column.key}
                data-testid="agenda-column"
                data-column-title={column.title}
                data-column-date={column.date}
                onClick={(event) => {
                  if (!props.onEmptyClick || event.target !== event.currentTarget) {
                    return;
                  }
                  const rect = event.currentTarget.getBoundingClientRect();
                  const raw = startMinutes + (event.clientY - rect.top) / PX_PER_MIN;
                  const minutes = Math.floor(raw / step) * step;
                  props.onEmptyClick(column, instantAt(column.date, minutes, timeZone));
                }}
                style={{
                  flex: 1,
                  minWidth: minColumnWidth,
                  position: 'relative',
                  borderLeft: firstOfGroup
                    ? '2px solid var(--mantine-color-stone-3)'
                    : '1px solid var(--mantine-color-stone-1)',
                  // Closed time is shaded; open bands are drawn white on top.
                  background: 'var(--mantine-color-stone-1)',
                }}
              >
                {column.openBands.map((band) => (
                  <Box
                    key={`${band.start}-${band.end}`}
                    style={{
                      position: 'absolute',
                      left: 0,
                      right: 0,
                      top: (Math.max(band.start, startMinutes) - startMinutes) * PX_PER_MIN,
                      height:
                        (Math.min(band.end, endMinutes) - Math.max(band.start, startMinutes)) * PX_PER_MIN,
                      background: 'var(--mantine-color-white)',
                      pointerEvents: 'none',
                    }}
                  />
                ))}
                {hours.map((m) => (
                  <Box
                    key={m}
                    style={{
                      position: 'absolute',
                      left: 0,
                      right: 0,
                      top: (m - startMinutes) * PX_PER_MIN,
                      borderTop: '1px solid var(--mantine-color-stone-2)',
                      pointerEvents: 'none',
                    }}
                  />
                ))}
              </Box>
            );
          })}

          {showNow ? (
            <Box
              aria-label={t('agenda.grid.now', { time: formatTime(now, timeZone) })}
              data-testid="agenda-now-line"
              style={{
                position: 'absolute',
                left: GUTTER - 6,
                right: 0,
                top: (nowMinutes - startMinutes) * PX_PER_MIN,
                borderTop: '2px solid var(--mantine-color-red-6)',
                zIndex: 2,
                pointerEvents: 'none',
              }}
            >
              <Box
                style={{
                  position: 'absolute',
                  left: 0,
                  top: -5,
                  width: 8,
                  height: 8,
                  borderRadius: 4,
                  background: 'var(--mantine-color-red-6)',
                }}
              />
            </Box>
          ) : null}

          {/* Cards are laid over the columns so a dragged card can cross them. */}
          <AppointmentLayer
            {...props}
            drag={drag}
            bodyRef={bodyRef}
            minColumnWidth={minColumnWidth}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => setDrag(null)}
            onCardClick={(appointment) => {
              if (draggedRef.current) {
                draggedRef.current = false;
                return;
              }
              props.onOpen(appointment);
            }}
            pending={pending}
          />
        </Box>
      </Box>
    </Box>
  );
}

type TLayerProps = TAgendaGridProps & {
  drag: TDrag | null;
  bodyRef: React.RefObject<HTMLDivElement | null>;
  minColumnWidth: number;
  onPointerDown: (event: ReactPointerEvent<HTMLDivElement>, appointment: TAgendaAppointment) => void;
  onPointerMove: (event: ReactPointerEvent<HTMLDivElement>, appointment: TAgendaAppointment) => void;
  onPointerUp: (event: ReactPointerEvent<HTMLDivElement>, appointment: TAgendaAppointment) => void;
  onPointerCancel: () => void;
  onCardClick: (appointment: TAgendaAppointment) => void;
};

function AppointmentLayer(props: TLayerProps) {
  const { t } = useTranslation();
  const { columns, appointments, columnOf, timeZone, startMinutes, drag, pending, dense = false } = props;
  const count = columns.length;
  // The card whose risk popover is open: its own tooltip would cover the factors.
  const [riskOpenId, setRiskOpenId] = useState<string | null>(null);
  const riskLabel = useRiskLabel();
  const byKey = new Map(columns.map((c, i) => [c.key, i]));

  return (
    <Box style={{ position: 'absolute', left: GUTTER, right: 0, top: 0, bottom: 0, pointerEvents: 'none' }}>
      {appointments.map((appointment) => {
        const isPending = pending?.id === appointment.id;
        const columnIndex = byKey.get(isPending ? pending.columnKey : columnOf(appointment));
        if (columnIndex === undefined) {
          return null;
        }
        const start = minutesOfDay(appointment.startsAt, timeZone);
        const duration = Math.max(
          15,
          (Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000,
        );
        const top = ((isPending ? pending.minutes : start) - startMinutes) * PX_PER_MIN;
        const style = STATUS_STYLE[appointment.status];
        const dragging = drag?.id === appointment.id && drag.active;
        const movable = props.canDrag && MOVABLE_STATUSES.includes(appointment.status);
        const timeLabel = `${formatTime(appointment.startsAt, timeZone)}–${formatTime(appointment.serviceEndsAt, timeZone)}`;
        const tall = duration * PX_PER_MIN >= 44;
        const risk = appointment.risk && showsBadgeOnCard(appointment.risk.band) ? appointment.risk : null;
        // A card with room for a third line gets the full "Risco alto 42%"; a shorter one only the %.
        const roomy = !dense && duration * PX_PER_MIN >= 60;
        const riskBadge = risk ? (
          <RiskBadge
            risk={risk}
            compact={!roomy}
            onOpenChange={(open) =>
              setRiskOpenId((current) =>
                open ? appointment.id : current === appointment.id ? null : current,
              )
            }
          />
        ) : null;
        return (
          <Tooltip
            key={appointment.id}
            label={`${timeLabel} · ${appointment.clientName} · ${appointment.treatmentName} · ${t(`agenda.status.${appointment.status}`)}${risk ? ` · ${riskLabel(risk)}` : ''}`}
            openDelay={500}
            disabled={dragging || riskOpenId === appointment.id}
            multiline
            maw={280}
          >
            <Box
              role="button"
              tabIndex={0}
              aria-label={`${timeLabel} ${appointment.clientName}, ${appointment.treatmentName}, ${t(`agenda.status.${appointment.status}`)}${risk ? `, ${riskLabel(risk)}` : ''}`}
              data-testid="agenda-card"
              data-appointment-id={appointment.id}
              data-status={appointment.status}
              data-risk-band={appointment.risk?.band ?? ''}
              onPointerDown={(event) => props.onPointerDown(event, appointment)}
              onPointerMove={(event) => props.onPointerMove(event, appointment)}
              onPointerUp={(event) => props.onPointerUp(event, appointment)}
              onPointerCancel={props.onPointerCancel}
              onClick={() => props.onCardClick(appointment)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  props.onOpen(appointment);
                }
              }}
              style={{
                position: 'absolute',
                top: top + 1,
                height: duration * PX_PER_MIN - 2,
                left: `calc(${(columnIndex / count) * 100}% + 3px)`,
                width: `calc(${100 / count}% - 6px)`,
                transform: dragging ? `translate(${drag.dx}px, ${drag.dy}px)` : undefined,
                zIndex: dragging ? 10 : 1,
                opacity: isPending ? 0.7 : 1,
                boxShadow: dragging ? 'var(--mantine-shadow-md)' : undefined,
                background: style.background,
                color: style.text,
                borderLeft: `4px solid ${style.edge}`,
                border: style.dashed ? `1px dashed ${style.edge}` : undefined,
                borderLeftWidth: 4,
                borderRadius: 6,
                padding: '2px 6px',
                overflow: 'hidden',
                cursor: movable ? (dragging ? 'grabbing' : 'grab') : 'pointer',
                pointerEvents: 'auto',
                touchAction: movable ? 'none' : 'auto',
                userSelect: 'none',
              }}
            >
              <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
                <Text
                  size="xs"
                  fw={600}
                  lh={1.25}
                  style={{ fontVariantNumeric: 'tabular-nums', minWidth: 0 }}
                  truncate="end"
                >
                  {dragging && drag.target
                    ? t('agenda.grid.dropAt', {
                        time: formatMinutes(drag.target.minutes),
                        column: drag.target.column.title,
                      })
                    : `${formatTime(appointment.startsAt, timeZone)} ${appointment.clientName}`}
                </Text>
                {riskBadge && !roomy && !tall && !dragging ? riskBadge : null}
              </Group>
              {tall ? (
                <Group gap={4} wrap="nowrap" justify="space-between" align="flex-start">
                  <Text size="xs" lh={1.25} truncate="end" style={{ opacity: 0.85, minWidth: 0 }}>
                    {appointment.treatmentName}
                  </Text>
                  {/* On a two-line card the % goes beside the treatment, leaving the client's name whole. */}
                  {riskBadge && !roomy && !dragging ? riskBadge : null}
                </Group>
              ) : null}
              {riskBadge && roomy && !dragging ? <Box mt={2}>{riskBadge}</Box> : null}
            </Box>
          </Tooltip>
        );
      })}
    </Box>
  );
}

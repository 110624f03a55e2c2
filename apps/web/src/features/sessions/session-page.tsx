import {
  SESSION_DIAGRAM_LABELS,
  SESSION_DIAGRAMS,
  SESSION_TECHNIQUE_LABELS,
  SESSION_TECHNIQUES,
  type TSessionDiagram,
  type TSessionTechnique,
  type TTreatmentSession,
} from '@clinia/contracts';
import { formatDateTime, PageHeader, SectionCard } from '@clinia/ui';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  IconArrowLeft,
  IconChecklist,
  IconMapPin,
  IconNotes,
  IconPackage,
  IconSignature,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { toUserError } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { formatAmount } from '../inventory/stock-format';
import { FaceMap } from './face-map';
import { FollowUpsCard } from './follow-ups-card';
import { PhotosCard } from './photos-card';
import { PointRow, type TDraftPoint } from './point-row';
import { SigningDialog } from './signing-dialog';

type TDraft = {
  areas: string;
  technique: TSessionTechnique | null;
  painScore: number | null;
  complications: string;
  notes: string;
  postCareGiven: string;
  points: TDraftPoint[];
};

const draftOf = (s: TTreatmentSession): TDraft => ({
  areas: s.areas.join(', '),
  technique: s.technique,
  painScore: s.painScore,
  complications: s.complications,
  notes: s.notes,
  postCareGiven: s.postCareGiven,
  points: s.points.map((p) => ({
    diagram: p.diagram,
    x: p.x,
    y: p.y,
    productId: p.productId,
    lotId: p.lotId,
    quantity: p.quantity,
    unit: p.unit,
    depth: p.depth,
    dilution: p.dilution ?? '',
  })),
});

const BIG = 'lg' as const;

/** The record's free-text fields, in the order the form shows them (signed: "—" when left blank). */
const TEXT_FIELDS = [
  { field: 'complications', label: 'sessions.record.complications', span: 12 },
  { field: 'notes', label: 'sessions.record.notes', span: { base: 12, md: 6 } },
  { field: 'postCareGiven', label: 'sessions.record.postCare', span: { base: 12, md: 6 } },
] as const;

/** A checklist row a fingertip can hit: the label (which toggles the box) is 44 px high. */
const TOUCH_CHECKBOX = {
  body: { alignItems: 'center' },
  label: { minHeight: 44, display: 'flex', alignItems: 'center' },
} as const;

/** The session screen, for a tablet during the procedure: checklist, map, products, photos, signature. */
export function SessionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { sessionId = '' } = useParams();
  const session = useQuery(trpc.sessions.get.queryOptions({ sessionId }, { retry: false }));
  if (session.isPending) return <Skeleton height={480} radius="lg" />;
  if (session.isError)
    return (
      <>
        <PageHeader title={t('sessions.title')} />
        <QueryErrorState error={session.error} onRetry={() => void session.refetch()} />
      </>
    );
  return <SessionView key={`${session.data.id}:${session.data.status}`} session={session.data} />;
}

function SessionView({ session }: { session: TTreatmentSession }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const signed = session.status === 'signed';
  const [draft, setDraft] = useState<TDraft>(() => draftOf(session));
  const [diagram, setDiagram] = useState<TSessionDiagram>(session.points[0]?.diagram ?? 'face_frontal');
  const [selected, setSelected] = useState<number | null>(null);
  const [signOpen, setSignOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const products = useQuery(trpc.inventory.products.queryOptions());
  const refresh = (data: TTreatmentSession) => {
    queryClient.setQueryData(trpc.sessions.get.queryKey({ sessionId: session.id }), data);
  };
  const save = useMutation(
    trpc.sessions.saveDraft.mutationOptions({
      onSuccess: (data) => {
        refresh(data);
        setSaved(true);
      },
    }),
  );
  const draftInput = () => ({
    sessionId: session.id,
    areas: draft.areas
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    technique: draft.technique,
    painScore: draft.painScore,
    complications: draft.complications,
    notes: draft.notes,
    postCareGiven: draft.postCareGiven,
    points: draft.points.map((p) => ({ ...p, dilution: p.dilution || null })),
  });
  const treatment = useQuery(
    trpc.catalog.get.queryOptions({ id: session.treatmentId }, { enabled: !signed }),
  );
  // A point is an injection measured in U or mL: only those products are offered on the map.
  const injectables = (products.data ?? []).filter((p) => p.unit === 'U' || p.unit === 'mL');
  const productOptions = (signed ? (products.data ?? []) : injectables).map((p) => ({
    value: p.id,
    label: p.name,
  }));
  const unitOf = (productId: string): 'U' | 'mL' =>
    products.data?.find((p) => p.id === productId)?.unit === 'mL' ? 'mL' : 'U';
  // The first point takes the injectable of the treatment's bill of materials (the toxin of a toxin
  // session), not whatever product sorts first; the next ones copy the previous point.
  const materialProduct = treatment.data?.materials.find((m) => m.unit === 'U' || m.unit === 'mL')?.productId;
  const lastPoint = draft.points.at(-1);
  const addPoint = (x: number, y: number) => {
    const productId = lastPoint?.productId ?? materialProduct ?? injectables[0]?.id ?? '';
    setDraft((d) => ({
      ...d,
      points: [
        ...d.points,
        {
          diagram,
          x,
          y,
          productId,
          lotId: lastPoint?.lotId ?? null,
          quantity: lastPoint?.quantity ?? (unitOf(productId) === 'U' ? 2 : 0.1),
          unit: unitOf(productId),
          depth: lastPoint?.depth ?? null,
          dilution: lastPoint?.dilution ?? '',
        },
      ],
    }));
    setSelected(draft.points.length);
    setSaved(false);
  };
  const updatePoint = (index: number, patch: Partial<TDraftPoint>) => {
    setDraft((d) => ({ ...d, points: d.points.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
    setSaved(false);
  };
  const points = signed ? draftOf(session).points : draft.points;

  return (
    <>
      <Button
        component={Link}
        to={`/clientes/${session.clientId}?aba=atendimentos`}
        variant="subtle"
        size="lg"
        px="xs"
        mb="xs"
        leftSection={<IconArrowLeft size={18} />}
      >
        {t('sessions.back')}
      </Button>
      <PageHeader
        title={`${session.treatmentName} · ${session.clientName}`}
        description={
          <Group gap="xs" component="span">
            <Badge color={signed ? 'teal' : 'orange'} size="lg" data-testid="session-status">
              {t(`sessions.status.${session.status}`)}
            </Badge>
            <Text span size="sm" c="dimmed">
              {formatDateTime(session.startedAt, timeZone)} · {session.professionalName}
            </Text>
          </Group>
        }
      />
      <Stack gap="lg">
        <ChecklistCard session={session} onChange={refresh} />
        {/* Before-photos belong to the checklist: right below it, not at the end of the page. */}
        <PhotosCard
          session={session}
          onUploaded={() =>
            void queryClient.invalidateQueries(trpc.sessions.get.queryFilter({ sessionId: session.id }))
          }
        />

        <SectionCard title={t('sessions.map.title')} icon={<IconMapPin size={18} />}>
          {!signed ? (
            <Text size="sm" c="dimmed" mb="sm">
              {t('sessions.map.hint')}
            </Text>
          ) : null}
          <SegmentedControl
            size="md"
            mb="md"
            value={diagram}
            onChange={(v) => setDiagram(v as TSessionDiagram)}
            data={SESSION_DIAGRAMS.map((d) => ({ value: d, label: SESSION_DIAGRAM_LABELS[d] }))}
          />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <FaceMap
                diagram={diagram}
                label={t('sessions.map.svgLabel')}
                readOnly={signed}
                onAdd={addPoint}
                onSelect={setSelected}
                points={points
                  .map((p, i) => ({ ...p, index: i }))
                  .filter((p) => p.diagram === diagram)
                  .map((p) => ({
                    x: p.x,
                    y: p.y,
                    label: String(p.index + 1),
                    selected: p.index === selected,
                  }))}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              {points.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('sessions.map.empty')}
                </Text>
              ) : null}
              <Stack gap="sm" data-testid="point-list">
                {points.map((p, index) => (
                  <PointRow
                    // biome-ignore lint/suspicious/noArrayIndexKey: draft points have no id
                    key={index}
                    index={index}
                    point={p}
                    readOnly={signed}
                    selected={index === selected}
                    productOptions={productOptions}
                    lotLabel={session.points[index]?.lotNumber ?? null}
                    onChange={(patch) =>
                      updatePoint(
                        index,
                        patch.productId ? { ...patch, unit: unitOf(patch.productId) } : patch,
                      )
                    }
                    onRemove={() => {
                      setDraft((d) => ({ ...d, points: d.points.filter((_, i) => i !== index) }));
                      setSelected(null);
                    }}
                  />
                ))}
              </Stack>
            </Grid.Col>
          </Grid>
        </SectionCard>

        <SectionCard title={t('sessions.record.title')} icon={<IconNotes size={18} />}>
          <Grid>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput
                size={BIG}
                label={t('sessions.record.areas')}
                description={signed ? undefined : t('sessions.record.areasHint')}
                value={signed ? session.areas.join(', ') || '—' : draft.areas}
                readOnly={signed}
                variant={signed ? 'unstyled' : 'default'}
                onChange={(e) => setDraft({ ...draft, areas: e.currentTarget.value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 3 }}>
              {signed ? (
                <TextInput
                  size={BIG}
                  label={t('sessions.record.technique')}
                  value={session.technique ? SESSION_TECHNIQUE_LABELS[session.technique] : '—'}
                  readOnly
                  variant="unstyled"
                />
              ) : (
                <Select
                  size={BIG}
                  label={t('sessions.record.technique')}
                  data={SESSION_TECHNIQUES.map((v) => ({ value: v, label: SESSION_TECHNIQUE_LABELS[v] }))}
                  value={draft.technique}
                  onChange={(v) => setDraft({ ...draft, technique: v as TSessionTechnique | null })}
                />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 3 }}>
              {signed ? (
                <TextInput
                  size={BIG}
                  label={t('sessions.record.painScore')}
                  value={session.painScore === null ? '—' : String(session.painScore)}
                  readOnly
                  variant="unstyled"
                />
              ) : (
                <NumberInput
                  size={BIG}
                  hideControls
                  inputMode="numeric"
                  label={t('sessions.record.painScore')}
                  min={0}
                  max={10}
                  value={(signed ? session.painScore : draft.painScore) ?? ''}
                  readOnly={signed}
                  variant={signed ? 'unstyled' : 'default'}
                  onChange={(v) => setDraft({ ...draft, painScore: typeof v === 'number' ? v : null })}
                />
              )}
            </Grid.Col>
            {TEXT_FIELDS.map(({ field, label, span }) => (
              <Grid.Col key={field} span={span}>
                <Textarea
                  size={BIG}
                  autosize
                  minRows={2}
                  label={t(label)}
                  value={signed ? session[field] || '—' : draft[field]}
                  readOnly={signed}
                  variant={signed ? 'unstyled' : 'default'}
                  onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
                />
              </Grid.Col>
            ))}
          </Grid>
          {!signed ? (
            <Group mt="md">
              <Button
                size={BIG}
                variant="default"
                loading={save.isPending}
                onClick={() => save.mutate(draftInput())}
              >
                {t('sessions.record.save')}
              </Button>
              {saved ? (
                <Text size="sm" c="teal" data-testid="draft-saved">
                  {t('sessions.record.saved')}
                </Text>
              ) : null}
            </Group>
          ) : null}
          {save.error ? (
            <Alert color="red" mt="md">
              {toUserError(save.error, t)}
            </Alert>
          ) : null}
        </SectionCard>

        <ProductsCard session={session} />

        {signed ? (
          <SignedCard session={session} onChange={refresh} />
        ) : (
          <Group justify="flex-end">
            <Button
              size="xl"
              leftSection={<IconSignature size={22} />}
              data-testid="open-sign"
              onClick={() => {
                save.mutate(draftInput(), { onSuccess: () => setSignOpen(true) });
              }}
              loading={save.isPending}
            >
              {t('sessions.sign.button')}
            </Button>
          </Group>
        )}
      </Stack>
      {signOpen ? (
        <SigningDialog
          title={t('sessions.sign.title')}
          body={t(me.isMfaEnrolled ? 'sessions.sign.bodyWithCode' : 'sessions.sign.body')}
          confirmLabel={t('sessions.sign.confirm')}
          onClose={() => setSignOpen(false)}
          mutation={trpc.sessions.sign.mutationOptions({
            onSuccess: (data) => {
              setSignOpen(false);
              refresh(data);
            },
          })}
          input={(password, code) => ({ sessionId: session.id, password, code })}
        />
      ) : null}
    </>
  );
}

function ChecklistCard({
  session,
  onChange,
}: {
  session: TTreatmentSession;
  onChange: (s: TTreatmentSession) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const c = session.checklist;
  const signed = session.status === 'signed';
  const [intakeStatus, setIntakeStatus] = useState<'unchanged' | 'updated' | null>(c.intakeStatus);
  const [justification, setJustification] = useState('');
  const confirm = useMutation(trpc.sessions.confirmChecklist.mutationOptions({ onSuccess: onChange }));
  const hard = c.contraindications.some((x) => x.severity === 'hard');
  return (
    <SectionCard title={t('sessions.checklist.title')} icon={<IconChecklist size={18} />}>
      <Stack gap="md" data-testid="checklist">
        <Checkbox
          size="lg"
          styles={TOUCH_CHECKBOX}
          readOnly
          checked={c.tcleSigned}
          label={t('sessions.checklist.tcle')}
        />
        {!c.tcleSigned ? <Alert color="red">{t('sessions.checklist.tcleMissing')}</Alert> : null}
        <Stack gap={6}>
          <Checkbox
            size="lg"
            styles={TOUCH_CHECKBOX}
            checked={intakeStatus !== null}
            readOnly={signed}
            data-testid="intake-reviewed"
            onChange={(e) => setIntakeStatus(e.currentTarget.checked ? 'unchanged' : null)}
            label={t('sessions.checklist.intake')}
          />
          {intakeStatus ? (
            <SegmentedControl
              size="md"
              ml={36}
              w="fit-content"
              value={intakeStatus}
              readOnly={signed}
              onChange={(v) => setIntakeStatus(v as 'unchanged' | 'updated')}
              data={[
                { value: 'unchanged', label: t('sessions.checklist.intakeUnchanged') },
                { value: 'updated', label: t('sessions.checklist.intakeUpdated') },
              ]}
            />
          ) : null}
        </Stack>
        <Stack gap={6}>
          <Checkbox
            size="lg"
            styles={TOUCH_CHECKBOX}
            readOnly
            checked={Boolean(c.contraindicationsCheckedAt)}
            label={t('sessions.checklist.contraindications')}
          />
          {c.contraindications.length === 0 ? (
            <Text size="sm" c="dimmed" ml={36}>
              {t('sessions.checklist.noContraindications')}
            </Text>
          ) : (
            c.contraindications.map((x) => (
              <Group key={x.rule} gap="xs" ml={36}>
                <Badge color={x.severity === 'hard' ? 'red' : 'yellow'}>
                  {t(`sessions.checklist.${x.severity}`)}
                </Badge>
                <Text size="sm">{x.message}</Text>
              </Group>
            ))
          )}
          {hard && !signed && !c.confirmedAt ? (
            <Textarea
              ml={36}
              size="md"
              label={t('sessions.checklist.overrideLabel')}
              description={t('sessions.checklist.overrideHint')}
              value={justification}
              onChange={(e) => setJustification(e.currentTarget.value)}
            />
          ) : null}
        </Stack>
        <Checkbox
          size="lg"
          styles={TOUCH_CHECKBOX}
          readOnly
          checked={c.beforePhotos > 0}
          label={
            c.beforePhotos > 0
              ? t('sessions.checklist.beforePhotos', { count: c.beforePhotos })
              : t('sessions.checklist.noBeforePhotos')
          }
        />
        {c.confirmedAt ? (
          <Badge color="teal" size="lg" data-testid="checklist-confirmed">
            {t('sessions.checklist.confirmed')}
          </Badge>
        ) : (
          <Button
            size={BIG}
            w="fit-content"
            disabled={!intakeStatus}
            loading={confirm.isPending}
            data-testid="confirm-checklist"
            onClick={() =>
              intakeStatus &&
              confirm.mutate({
                sessionId: session.id,
                intakeStatus,
                overrideJustification: justification.trim() || null,
              })
            }
          >
            {t('sessions.checklist.confirm')}
          </Button>
        )}
        {confirm.error ? <Alert color="red">{toUserError(confirm.error, t)}</Alert> : null}
      </Stack>
    </SectionCard>
  );
}

function ProductsCard({ session }: { session: TTreatmentSession }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('sessions.products.title')} icon={<IconPackage size={18} />}>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sessions.products.hint')}
      </Text>
      {session.products.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sessions.products.empty')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="session-products">
          {session.products.map((p) => (
            <Stack key={p.id} gap={2}>
              <Text fw={600}>
                {p.productName} · {formatAmount(p.quantity, p.unit)}
                {p.lotNumber ? ` · ${t('sessions.map.lot')} ${p.lotNumber}` : ''}
              </Text>
              {p.drawn.map((d) => (
                <Text key={d.lotId} size="sm" c="dimmed">
                  {t('sessions.products.drawn', {
                    lot: d.lotNumber,
                    amount: formatAmount(d.quantity, p.unit),
                  })}
                </Text>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

function SignedCard({
  session,
  onChange,
}: {
  session: TTreatmentSession;
  onChange: (s: TTreatmentSession) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <>
      <SectionCard title={t('sessions.sign.title')} icon={<IconSignature size={18} />}>
        <Stack gap={4} data-testid="signature">
          <Text fw={600}>
            {t('sessions.sign.signedBy', {
              name: session.signedByName ?? '—',
              when: session.signedAt ? formatDateTime(session.signedAt, timeZone) : '—',
            })}
          </Text>
          {session.licence ? <Text size="sm">{t('sessions.sign.licence', session.licence)}</Text> : null}
          <Text size="xs" c="dimmed" ff="monospace">
            {t('sessions.sign.hash', { hash: session.contentHash ?? '' })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('sessions.sign.kind')}
          </Text>
        </Stack>
      </SectionCard>
      <FollowUpsCard session={session} />
      <SectionCard title={t('sessions.addenda.title')}>
        <Stack gap="sm" data-testid="addenda">
          {session.addenda.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('sessions.addenda.empty')}
            </Text>
          ) : (
            session.addenda.map((a) => (
              <Stack key={a.id} gap={2} p="sm" style={{ borderLeft: '4px solid #228be6' }}>
                <Text size="sm" fw={600}>
                  {t('sessions.addenda.signedBy', {
                    name: a.signedByName ?? '—',
                    when: formatDateTime(a.signedAt, timeZone),
                  })}
                </Text>
                <Text>{a.text}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {t('sessions.sign.hash', { hash: a.contentHash })}
                </Text>
              </Stack>
            ))
          )}
          <Textarea
            size={BIG}
            autosize
            minRows={2}
            label={t('sessions.addenda.text')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button size={BIG} w="fit-content" disabled={text.trim().length < 5} onClick={() => setOpen(true)}>
            {t('sessions.addenda.add')}
          </Button>
        </Stack>
      </SectionCard>
      {open ? (
        <SigningDialog
          title={t('sessions.addenda.add')}
          body={t('sessions.sign.kind')}
          confirmLabel={t('sessions.sign.confirm')}
          onClose={() => setOpen(false)}
          mutation={trpc.sessions.addAddendum.mutationOptions({
            onSuccess: (data) => {
              setOpen(false);
              setText('');
              onChange(data);
            },
          })}
          input={(password, code) => ({ sessionId: session.id, text, password, code })}
        />
      ) : null}
    </>
  );
}

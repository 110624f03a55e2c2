import { z } from 'zod';

/**
 * Kinds of rooms and equipment, shared by the treatment catalog (what a treatment requires) and the
 * agenda (what a clinic has). A treatment names a room type and, optionally, equipment kinds; booking
 * then picks a concrete room of that type and a concrete device of each kind.
 */
export const ROOM_TYPES = [
  'consultorio',
  'sala_procedimentos',
  'sala_laser',
  'sala_corporal',
  'cabine_estetica',
] as const;
export const ZRoomType = z.enum(ROOM_TYPES, { error: 'Tipo de sala inválido.' });
export type TRoomType = z.infer<typeof ZRoomType>;

export const ROOM_TYPE_LABELS: Record<TRoomType, string> = {
  consultorio: 'Consultório',
  sala_procedimentos: 'Sala de procedimentos',
  sala_laser: 'Sala de laser',
  sala_corporal: 'Sala de procedimentos corporais',
  cabine_estetica: 'Cabine de estética',
};

export const EQUIPMENT_KINDS = [
  'laser_co2_fracionado',
  'laser_nd_yag',
  'laser_diodo',
  'luz_intensa_pulsada',
  'radiofrequencia',
  'ultrassom_microfocado',
  'criolipolise',
  'microagulhamento_eletrico',
] as const;
export const ZEquipmentKind = z.enum(EQUIPMENT_KINDS, { error: 'Tipo de equipamento inválido.' });
export type TEquipmentKind = z.infer<typeof ZEquipmentKind>;

export const EQUIPMENT_KIND_LABELS: Record<TEquipmentKind, string> = {
  laser_co2_fracionado: 'Laser de CO₂ fracionado',
  laser_nd_yag: 'Laser Nd:YAG',
  laser_diodo: 'Laser de diodo',
  luz_intensa_pulsada: 'Luz intensa pulsada',
  radiofrequencia: 'Radiofrequência',
  ultrassom_microfocado: 'Ultrassom microfocado',
  criolipolise: 'Criolipólise',
  microagulhamento_eletrico: 'Caneta de microagulhamento elétrica',
};

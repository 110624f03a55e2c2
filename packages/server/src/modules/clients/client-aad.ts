import type { TIntakeData } from '@clinia/contracts';
import type { Keyring } from '../../platform/crypto/keyring';

/**
 * Associated data for a sealed client column: binds the ciphertext to its column and row, so a value
 * copied to another row or column does not open. The key-rotation registry uses the same rule.
 */
export const clientAad = (column: string, clientId: string): string => `clients.${column}:${clientId}`;

/** Associated data of one sealed intake version: each version is sealed on its own. */
export const intakeAad = (clientId: string, version: number): string =>
  `client_intakes.data:${clientId}:${version}`;

/** Opens one sealed intake version of a client. */
export function openIntake(
  keyring: Keyring,
  clientId: string,
  intake: { version: number; dataSealed: string },
): TIntakeData {
  return JSON.parse(keyring.open(intake.dataSealed, intakeAad(clientId, intake.version))) as TIntakeData;
}
